using System.Globalization;
using System.Net;
using Octokit;

namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>
/// Publishing to GitHub failed. The message says which repository, what was being done, what GitHub answered and what
/// had already been created (so a person can clean up or retry); it never contains the token.
/// </summary>
public class GitHubPublishException : Exception
{
    public GitHubPublishException(string message, string repository, IReadOnlyList<string>? alreadyDone = null, HttpStatusCode? status = null,
        Exception? inner = null) : base(message, inner) =>
        (Repository, AlreadyDone, Status) = (repository, alreadyDone ?? [], status);

    public GitHubPublishException()
    {
        (Repository, AlreadyDone) = ("", []);
    }

    public GitHubPublishException(string message) : this(message, "") { }

    public GitHubPublishException(string message, Exception inner) : this(message, "", null, null, inner) { }

    /// <summary><c>owner/name</c>.</summary>
    public string Repository { get; }

    /// <summary>What this operation had created on GitHub before it failed (empty when nothing).</summary>
    public IReadOnlyList<string> AlreadyDone { get; }

    /// <summary>GitHub's HTTP status, when it answered.</summary>
    public HttpStatusCode? Status { get; }
}

/// <summary>The repository exists already: nothing was created or pushed.</summary>
public sealed class RepositoryAlreadyExistsException(string repository, string url) : GitHubPublishException(
    $"Repository {repository} already exists ({url}); nothing was created or pushed. Choose another name, or delete or rename the existing repository.",
    repository, [], HttpStatusCode.UnprocessableEntity)
{
    public string Url { get; } = url;
}

/// <summary>GitHub refused the token (401).</summary>
public sealed class GitHubAuthenticationException(string message, string repository, IReadOnlyList<string> alreadyDone, Exception inner)
    : GitHubPublishException(message, repository, alreadyDone, HttpStatusCode.Unauthorized, inner);

/// <summary>The token's API rate limit is used up until <see cref="ResetsAt"/>.</summary>
public sealed class GitHubRateLimitException(string message, string repository, IReadOnlyList<string> alreadyDone, DateTimeOffset resetsAt, Exception inner)
    : GitHubPublishException(message, repository, alreadyDone, HttpStatusCode.Forbidden, inner)
{
    public DateTimeOffset ResetsAt { get; } = resetsAt;
}

/// <summary>Turns what Octokit and HttpClient throw into <see cref="GitHubPublishException"/>s with plain messages.</summary>
internal static class GitHubPublishErrors
{
    /// <param name="doing">What was being done, as "creating the tree".</param>
    public static GitHubPublishException Map(Exception error, string repository, string doing, IReadOnlyList<string> done, GitHubEndpoint endpoint)
    {
        var where = endpoint.Demo ? "the simulated GitHub (demo)" : $"GitHub ({endpoint.ApiBaseUrl.Host})";
        var tail = AlreadyDoneText(done);
        return error switch
        {
            GitHubPublishException known => known,
            AuthorizationException auth => new GitHubAuthenticationException(
                $"{Capitalize(doing)} in {repository} failed: {where} refused the token ({Said(auth)}). Check Integrations:GitHub:Token.{tail}",
                repository, done, auth),
            RateLimitExceededException limit => new GitHubRateLimitException(
                $"{Capitalize(doing)} in {repository} failed: {where}'s API rate limit is used up ({limit.Limit} requests an hour); it resets at "
                + $"{limit.Reset.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)}.{tail}", repository, done, limit.Reset, limit),
            NotFoundException notFound => new GitHubPublishException(
                $"{Capitalize(doing)} in {repository} failed: {where} answered 404 ({Said(notFound)}): the repository or branch does not exist, or the token cannot see it.{tail}",
                repository, done, HttpStatusCode.NotFound, notFound),
            ApiException api => new GitHubPublishException(
                $"{Capitalize(doing)} in {repository} failed: {where} answered {(int)api.StatusCode} ({Said(api)}).{tail}", repository, done, api.StatusCode, api),
            HttpRequestException or TaskCanceledException or TimeoutException => new GitHubPublishException(
                $"{Capitalize(doing)} in {repository} failed: {where} could not be reached ({error.Message}).{tail}", repository, done, null, error),
            _ => new GitHubPublishException($"{Capitalize(doing)} in {repository} failed: {error.Message}{tail}", repository, done, null, error),
        };
    }

    /// <summary>GitHub's message and its validation errors, as "Validation Failed: Repository.name: name already exists on this account".</summary>
    public static string Said(ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var details = error.ApiError?.Errors?.Select(e => Detail(e.Resource, e.Field, e.Code, e.Message)).ToList() ?? [];
        return Describe(error.ApiError?.Message ?? error.Message, details);
    }

    public static string Describe(string? message, IReadOnlyList<string> details)
    {
        var text = string.IsNullOrWhiteSpace(message) ? "no message" : message.Trim().ReplaceLineEndings(" ");
        return details.Count == 0 ? text : $"{text}: {string.Join("; ", details)}";
    }

    /// <summary>One validation error: its message when GitHub gave one, else what was wrong with which field.</summary>
    public static string Detail(string? resource, string? field, string? code, string? message)
    {
        var subject = string.Join('.', new[] { resource, field }.Where(s => !string.IsNullOrEmpty(s)));
        var what = !string.IsNullOrWhiteSpace(message) ? message.Trim() : code switch
        {
            "missing" => "does not exist",
            "missing_field" => "is required",
            "invalid" => "is invalid",
            "already_exists" => "already exists",
            "unprocessable" => "cannot be processed",
            _ => code ?? "was refused",
        };
        return subject.Length == 0 ? what : $"{subject}: {what}";
    }

    public static string AlreadyDoneText(IReadOnlyList<string> done) =>
        done.Count == 0 ? " Nothing had been created on GitHub by this step." : $" Already done on GitHub: {string.Join("; ", done)}.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
