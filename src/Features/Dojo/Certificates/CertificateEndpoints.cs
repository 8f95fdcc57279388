using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>Body of a revocation: <c>{ reason }</c>, published in the revoked assertion.</summary>
public sealed record RevokeRequest(string? Reason);

/// <summary>
/// Open Badges 2.0 documents and certificates, anonymous so that anyone handed a certificate can verify it; revocation is
/// for Admins. Revoked assertions answer <c>410 Gone</c> with <c>revoked: true</c>, as hosted verification prescribes.
/// </summary>
internal static class CertificateEndpoints
{
    public const int MaxReason = 500;

    public static IEndpointRouteBuilder MapDojoCertificates(this IEndpointRouteBuilder app)
    {
        var badges = app.MapGroup("/badges").WithTags("Open Badges").AllowAnonymous();
        badges.MapGet("/issuer", (HttpContext http, BadgeLinks links) => JsonLd(http, links.For(http.Request).Issuer()));
        badges.MapGet("/classes/{belt}", (string belt, HttpContext http, BadgeLinks links, DojoContentStore content) =>
            content.Current is var c && c.Belt(belt) is { } b ? JsonLd(http, links.For(http.Request).BadgeClass(c, b)) : NoBelt(belt));
        badges.MapGet("/classes/{belt}/image", (string belt, DojoContentStore content) =>
            content.Current.Belt(belt) is { } b ? Results.Text(BadgeDocuments.Image(b), "image/svg+xml") : NoBelt(belt));
        badges.MapGet("/assertions/{id}", async (string id, HttpContext http, BadgeLinks links, CertificateService certificates, CancellationToken ct) =>
            await certificates.FindAsync(id, ct) is { } certificate
                ? JsonLd(http, links.For(http.Request).Assertion(certificate), certificate.Revoked ? StatusCodes.Status410Gone : null)
                : NoCertificate(id));

        var api = app.MapGroup("/api/dojo/certificates").WithTags("Dojo");
        api.MapGet("/{id}", async (string id, HttpContext http, BadgeLinks links, CertificateService certificates,
            DojoContentStore content, CancellationToken ct) =>
            await certificates.FindAsync(id, ct) is { } certificate
                ? Results.Ok(View(certificate, links.For(http.Request), content.Current))
                : NoCertificate(id)).AllowAnonymous();
        api.MapPost("/{id}/revoke", async (string id, RevokeRequest? body, ClaimsPrincipal user, HttpContext http, BadgeLinks links,
            CertificateService certificates, DojoContentStore content, CancellationToken ct) =>
        {
            var reason = body?.Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > MaxReason)
            {
                return Results.Problem(title: "Invalid revocation", statusCode: 400,
                    detail: $"reason: say why the certificate is revoked (1 to {MaxReason} characters); it is published in the badge assertion.");
            }
            var (outcome, certificate) = await certificates.RevokeAsync(id, reason, Caller.From(user).Login ?? "api-token", ct);
            return outcome switch
            {
                RevokeOutcome.NotFound => NoCertificate(id),
                RevokeOutcome.AlreadyRevoked => Results.Problem(title: "Already revoked", statusCode: 409,
                    detail: $"Certificate {id} was revoked on {BadgeDocuments.Timestamp(certificate!.RevokedAt!.Value)}: {certificate.RevocationReason}"),
                _ => Results.Ok(View(certificate!, links.For(http.Request), content.Current)),
            };
        }).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>The certificate as the public page shows it (no login, no recipient identity).</summary>
    public static JsonObject View(DojoCertificate certificate, BadgeDocuments links, Curriculum curriculum)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(curriculum);
        return new JsonObject
        {
            ["id"] = certificate.Id, ["learner"] = certificate.DisplayName, ["belt"] = certificate.Belt,
            ["beltTitle"] = curriculum.Belt(certificate.Belt)?.Title, ["issuedOn"] = BadgeDocuments.Timestamp(certificate.IssuedAt),
            ["issuer"] = links.Issuer()["name"]!.DeepClone(), ["url"] = links.CertificateUrl(certificate.Id),
            ["assertion"] = links.AssertionUrl(certificate.Id), ["badgeClass"] = links.ClassUrl(certificate.Belt),
            ["revoked"] = certificate.Revoked,
            ["revokedAt"] = certificate.RevokedAt is { } at ? BadgeDocuments.Timestamp(at) : null,
            ["revocationReason"] = certificate.RevocationReason,
        };
    }

    /// <summary>JSON-LD by default; plain <c>application/json</c> for a client that accepts only that (Open Badges 2.0).</summary>
    private static IResult JsonLd(HttpContext http, JsonObject document, int? status = null)
    {
        var accept = http.Request.Headers.Accept.ToString();
        var plain = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase);
        return Results.Text(document.ToJsonString(), plain ? "application/json" : "application/ld+json", statusCode: status);
    }

    private static IResult NoBelt(string belt) => Results.Problem(title: "Not found", detail: $"No belt '{belt}'.", statusCode: 404);

    private static IResult NoCertificate(string id) =>
        Results.Problem(title: "Not found", detail: $"No certificate '{id}'. Check the verification id on the certificate.", statusCode: 404);
}
