using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Integrations;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>http</c>: a GET of <c>url</c> (<c>{service}</c> = the entity's name) answers <c>status</c> (200 by default).</summary>
public sealed class HttpCheck(IHttpClientFactory clients, IOptions<LabOptions> options) : ILabCheck
{
    public string Type => "http";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(check);
        var text = (LabParameters.Text(check, "url") ?? "").Replace("{service}", Uri.EscapeDataString(target.Name), StringComparison.Ordinal);
        var expected = LabParameters.Int(check, "status", 200);
        var tab = target.Tab("kubernetes");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return LabCheckResult.Fail(Type, $"The lab's url '{text}' is not an http:// or https:// address, so it is not asked. "
                + "This is the lab's mistake, not yours: tell the Dojo's authors (dotnet Fawkes.Portal.dll dojo validate finds it).");
        }
        var shown = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        try
        {
            // Refused before anything is sent; the client's connect callback checks again on the address it connects to.
            await LabHttp.ResolveAsync(url.IdnHost, options.Value.AllowPrivateNetworks, ct);
            using var response = await clients.CreateClient(LabHttp.ClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return status == expected
                ? LabCheckResult.Pass(Type, $"GET {shown} answered {status}.", tab)
                : LabCheckResult.Fail(Type, $"GET {shown} answered {status} {response.ReasonPhrase}, the lab expects {expected}. The Kubernetes "
                    + "tab shows whether the service runs and its logs; fix the endpoint and deploy again.", tab);
        }
        catch (Exception ex) when (OutboundRefusedException.IsIn(ex))
        {
            return LabCheckResult.Fail(Type, $"GET {shown} was not sent: {Innermost(ex)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return LabCheckResult.Fail(Type, $"GET {shown} got no answer ({ex.Message}). Check on the Kubernetes tab that the service runs "
                + "and is exposed at that address.", tab);
        }
    }

    private static string Innermost(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused)
            {
                return refused.Message;
            }
        }
        return ex.Message;
    }
}
