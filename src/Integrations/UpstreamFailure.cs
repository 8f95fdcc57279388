using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fawkes.Portal.Integrations;

/// <summary>A failed call to an instance, as a status word and a message safe to show (no URLs with credentials, no tokens).</summary>
public sealed record UpstreamFailure(string Status, string Error)
{
    /// <summary>What an HTTP status answer means for the instance.</summary>
    public static UpstreamFailure FromStatusCode(HttpStatusCode code, string what, string? detail = null)
    {
        var suffix = string.IsNullOrWhiteSpace(detail) ? "" : $": {detail}";
        return code switch
        {
            HttpStatusCode.Unauthorized => new(IntegrationStatus.Unauthorized, $"{what} refused the credentials (401){suffix}. Check the token."),
            HttpStatusCode.Forbidden => new(IntegrationStatus.Unauthorized,
                $"{what} answered 403 Forbidden{suffix}. The account is known but may not read this; grant it list/get rights."),
            HttpStatusCode.NotFound => new(IntegrationStatus.NotFound, $"{what} answered 404 Not Found{suffix}. Check the URL (and its path)."),
            _ => new(IntegrationStatus.Unreachable, $"{what} answered {(int)code} {code}{suffix}."),
        };
    }

    /// <summary>
    /// Classifies what a call threw. <paramref name="budget"/> is the time the caller allowed, named in timeout messages.
    /// Callers pass their own cancellation separately: a request the user abandoned is not the upstream's fault.
    /// </summary>
    public static UpstreamFailure FromException(Exception exception, string what, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException || Find<TimeoutException>(exception) is not null)
        {
            return new(IntegrationStatus.Timeout, $"{what} gave no answer within {budget.TotalSeconds:0.#} s.");
        }
        if (exception is HttpRequestException { StatusCode: { } code })
        {
            return FromStatusCode(code, what);
        }
        if (Find<JsonException>(exception) is not null)
        {
            return new(IntegrationStatus.Unreachable, $"{what} answered malformed JSON (is the URL a real API server?).");
        }
        if (Find<SocketException>(exception) is { } socket)
        {
            return new(IntegrationStatus.Unreachable, $"{what} could not be reached: {SocketText(socket)}.");
        }
        if (Find<System.Security.Authentication.AuthenticationException>(exception) is not null)
        {
            return new(IntegrationStatus.Unreachable,
                $"{what}: the TLS handshake failed (certificate not trusted?). Set CaFile to the cluster's CA, or SkipTlsVerify for a test cluster.");
        }
        return new(IntegrationStatus.Unreachable, $"{what} could not be reached: {exception.Message}");
    }

    private static string SocketText(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
        SocketError.HostNotFound or SocketError.NoData => "the host name does not resolve",
        SocketError.TimedOut => "the connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to the host",
        _ => socket.Message,
    };

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }
        return null;
    }
}
