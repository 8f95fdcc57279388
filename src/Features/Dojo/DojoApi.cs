using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.StaticFiles;

namespace Fawkes.Portal.Features.Dojo;

/// <summary>Body of a quiz or assessment submission: <c>{ answers: { questionId: [optionId…] }, attemptId? }</c>.</summary>
public sealed record QuizSubmission(Dictionary<string, string[]>? Answers, string? AttemptId = null);

/// <summary>The Dojo API: modules, quizzes (graded on the server), belt assessments, the caller's progress, content images.</summary>
internal static class DojoApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"];

    public static IEndpointRouteBuilder MapDojoApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dojo").WithTags("Dojo").RequireAuthorization(Policies.CatalogRead);
        api.MapGet("/modules", (DojoContentStore content) =>
        {
            var c = content.Current;
            return Results.Ok(new
            {
                items = c.Modules.Select(m => new
                {
                    m.Id, m.Belt, m.Order, m.Title, m.Minutes,
                    questions = c.QuizOf(m.Id)?.Questions.Count ?? 0, labChecks = m.Lab?.Checks.Count ?? 0,
                }),
            });
        });
        api.MapGet("/modules/{id}/quiz", (string id, QuizService quizzes) =>
            quizzes.ModuleSheet(id) is { } sheet ? Results.Ok(sheet) : NotFound($"No module '{id}' with a quiz."));
        api.MapPost("/modules/{id}/quiz", async (string id, QuizSubmission body, ClaimsPrincipal user, QuizService quizzes, CancellationToken ct) =>
        {
            try
            {
                return await quizzes.GradeModuleAsync(id, body.Answers, LearnerLogin(user), ct) is { } result
                    ? Results.Ok(result) : NotFound($"No module '{id}' with a quiz.");
            }
            catch (QuizAnswerException ex)
            {
                return BadAnswers(ex);
            }
        });
        api.MapGet("/belts/{belt}/assessment", (string belt, QuizService quizzes) =>
            quizzes.BeltSheet(belt) is { } sheet ? Results.Ok(sheet) : NotFound($"No belt '{belt}'."));
        api.MapPost("/belts/{belt}/assessment", async (string belt, QuizSubmission body, ClaimsPrincipal user, QuizService quizzes, CancellationToken ct) =>
        {
            try
            {
                return await quizzes.GradeBeltAsync(belt, body.AttemptId, body.Answers, LearnerLogin(user), ct) is { } result
                    ? Results.Ok(result) : NotFound($"No belt '{belt}'.");
            }
            catch (QuizAnswerException ex)
            {
                return BadAnswers(ex);
            }
        });
        api.MapGet("/progress/me", async (ClaimsPrincipal user, HttpContext http, ProgressService progress, CertificateService certificates,
            BadgeLinks links, DojoContentStore content, CancellationToken ct) =>
        {
            if (LearnerLogin(user) is not { } login)
            {
                return Results.Problem(title: "No learner", statusCode: 400,
                    detail: "Progress belongs to a signed-in person; an API token has none. Sign in to the portal to see yours.");
            }
            var body = JsonSerializer.SerializeToNode(await progress.ForAsync(login, ct), JsonSerializerOptions.Web)!.AsObject();
            var documents = links.For(http.Request);
            body["certificates"] = new JsonArray([.. (await certificates.ForLearnerAsync(login, ct))
                .Select(c => (JsonNode)CertificateEndpoints.View(c, documents, content.Current))]);
            return Results.Ok(body);
        });
        app.MapGet("/dojo/content/{**path}", (string path, DojoContentStore content) =>
        {
            var full = Path.GetFullPath(Path.Combine(content.Root, path));
            var extension = Path.GetExtension(full).ToLowerInvariant();
            return full.StartsWith(content.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && ImageExtensions.Contains(extension) && File.Exists(full) && ContentTypes.TryGetContentType(full, out var type)
                ? Results.File(full, type)
                : Results.NotFound();
        }).RequireAuthorization(Policies.CatalogRead);
        return app;
    }

    /// <summary>The person whose attempts are recorded; null for an API token (graded, nothing stored).</summary>
    internal static string? LearnerLogin(ClaimsPrincipal user) => Caller.From(user) is { IsToken: false, Login: { } login } ? login : null;

    private static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: 404);

    private static IResult BadAnswers(QuizAnswerException ex) => Results.Problem(title: "Invalid answers", detail: ex.Message, statusCode: 400);
}
