using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>Badge documents with absolute URLs: from <see cref="BadgeOptions.PublicBaseUrl"/>, else from the request.</summary>
public sealed class BadgeLinks(IOptions<BadgeOptions> options)
{
    public BadgeDocuments For(HttpRequest request) => new(BaseUrl(request), options.Value);

    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.Value.PublicBaseUrl.TrimEnd('/');
    }
}
