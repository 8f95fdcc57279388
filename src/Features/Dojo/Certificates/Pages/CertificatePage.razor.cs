using System.Globalization;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dojo.Certificates.Pages;

/// <summary>The public, printable certificate; Admins see a form to revoke it (checked again when it is posted).</summary>
public partial class CertificatePage
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");
    private DojoCertificate? _certificate;
    private BadgeDocuments? _links;
    private string _issuerName = "";
    private string _beltTitle = "";
    private bool _isAdmin;
    private string? _error;

    [Parameter] public string Id { get; set; } = "";
    [SupplyParameterFromForm(FormName = "revoke")] private string? Reason { get; set; }
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private CertificateService Certificates { get; set; } = default!;
    [Inject] private BadgeLinks Links { get; set; } = default!;
    [Inject] private DojoContentStore Content { get; set; } = default!;
    [Inject] private IOptions<BadgeOptions> Options { get; set; } = default!;

    private string BeltName => BadgeDocuments.Title(_certificate?.Belt ?? "");

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = Caller.From(HttpContext.User).IsAdmin;
        _links = Links.For(HttpContext.Request);
        _issuerName = Options.Value.IssuerName;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _certificate = await Certificates.FindAsync(Id, HttpContext.RequestAborted);
        _beltTitle = _certificate is null ? "" : Content.Current.Belt(_certificate.Belt)?.Title ?? _certificate.Belt;
        if (_certificate is null && !HttpContext.Response.HasStarted)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task RevokeAsync()
    {
        if (!_isAdmin)
        {
            _error = "Only an Admin may revoke a certificate.";
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CertificateEndpoints.MaxReason)
        {
            _error = $"Reason: say why the certificate is revoked (1 to {CertificateEndpoints.MaxReason} characters).";
            return;
        }
        await Certificates.RevokeAsync(Id, reason, Caller.From(HttpContext.User).Login ?? "admin", HttpContext.RequestAborted);
        await LoadAsync();
    }
}
