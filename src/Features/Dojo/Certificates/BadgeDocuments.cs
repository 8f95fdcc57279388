using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>
/// Pure: the Open Badges 2.0 documents (JSON-LD, hosted verification) for a base URL. Every id is the URL the document is
/// served at, so a verifier can follow assertion → BadgeClass → issuer Profile on one origin.
/// </summary>
public sealed class BadgeDocuments(string baseUrl, BadgeOptions options)
{
    public const string Context = "https://w3id.org/openbadges/v2";
    private readonly string _base = baseUrl.TrimEnd('/');

    public string IssuerUrl => $"{_base}/badges/issuer";
    public string ClassUrl(string belt) => $"{_base}/badges/classes/{Uri.EscapeDataString(belt)}";
    public string AssertionUrl(string id) => $"{_base}/badges/assertions/{Uri.EscapeDataString(id)}";
    public string CertificateUrl(string id) => $"{_base}/dojo/certificates/{Uri.EscapeDataString(id)}";

    public JsonObject Issuer() => new()
    {
        ["@context"] = Context, ["type"] = "Profile", ["id"] = IssuerUrl,
        ["name"] = options.IssuerName, ["url"] = $"{_base}/dojo", ["email"] = options.IssuerEmail,
        ["description"] = options.IssuerDescription,
    };

    public JsonObject BadgeClass(Curriculum curriculum, DojoBelt belt)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(belt);
        var modules = curriculum.ModulesOf(belt.Id).ToList();
        var list = string.Join("\n", modules.Select(m => $"- {m.Title}: quiz passed{(BeltCompletion.HasLab(m) ? ", lab passed" : "")}"));
        return new JsonObject
        {
            ["@context"] = Context, ["type"] = "BadgeClass", ["id"] = ClassUrl(belt.Id),
            ["name"] = $"Fawkes Dojo {Title(belt.Id)} Belt: {belt.Title}",
            ["description"] = $"Awarded for passing every module of the {Title(belt.Id)} belt ({belt.Title}), its quizzes and hands-on labs, "
                + $"and the belt assessment: {belt.AssessmentQuestions} questions at {belt.AssessmentPassPercent} %.",
            ["image"] = $"{ClassUrl(belt.Id)}/image",
            ["criteria"] = new JsonObject
            {
                ["id"] = $"{_base}/dojo",
                ["narrative"] = $"Pass each module of the belt:\n{list}\n\nThen pass the belt assessment "
                    + $"({belt.AssessmentQuestions} questions at {belt.AssessmentPassPercent} %).",
            },
            ["issuer"] = IssuerUrl,
            ["tags"] = new JsonArray("platform-engineering", "dojo", belt.Id),
        };
    }

    public JsonObject Assertion(DojoCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Revoked)
        {
            // A revoked hosted assertion keeps only what the specification requires, plus the published reason.
            var revoked = new JsonObject
            {
                ["@context"] = Context, ["type"] = "Assertion", ["id"] = AssertionUrl(certificate.Id), ["revoked"] = true,
            };
            if (!string.IsNullOrWhiteSpace(certificate.RevocationReason))
            {
                revoked["revocationReason"] = certificate.RevocationReason;
            }
            return revoked;
        }
        return new JsonObject
        {
            ["@context"] = Context, ["type"] = "Assertion", ["id"] = AssertionUrl(certificate.Id),
            ["recipient"] = new JsonObject
            {
                ["type"] = certificate.RecipientType, ["hashed"] = true, ["salt"] = certificate.RecipientSalt,
                ["identity"] = certificate.RecipientHash,
            },
            ["badge"] = ClassUrl(certificate.Belt),
            ["verification"] = new JsonObject { ["type"] = "hosted" },
            ["issuedOn"] = Timestamp(certificate.IssuedAt),
            ["evidence"] = CertificateUrl(certificate.Id),
        };
    }

    /// <summary>ISO 8601 in UTC with a zone designator, as Open Badges 2.0 requires.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Title(string belt) => belt.Length == 0 ? belt : char.ToUpperInvariant(belt[0]) + belt[1..];

    /// <summary>The BadgeClass image: a belt-coloured disc with the belt's name, as SVG.</summary>
    public static string Image(DojoBelt belt)
    {
        ArgumentNullException.ThrowIfNull(belt);
        var (fill, ink) = belt.Id switch
        {
            "white" => ("#f5f5f5", "#111111"), "yellow" => ("#f5c518", "#111111"), "green" => ("#2e7d32", "#ffffff"),
            "brown" => ("#6d4c41", "#ffffff"), "black" => ("#111111", "#ffffff"), _ => ("#5c6bc0", "#ffffff"),
        };
        var name = WebUtility.HtmlEncode(Title(belt.Id));
        var title = WebUtility.HtmlEncode(belt.Title);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="{name} belt: {title}">
              <circle cx="128" cy="128" r="120" fill="{fill}" stroke="#333333" stroke-width="8"/>
              <rect x="24" y="112" width="208" height="32" fill="{ink}" opacity="0.15"/>
              <text x="128" y="100" text-anchor="middle" font-family="sans-serif" font-size="22" fill="{ink}">Fawkes Dojo</text>
              <text x="128" y="137" text-anchor="middle" font-family="sans-serif" font-size="30" font-weight="bold" fill="{ink}">{name} belt</text>
              <text x="128" y="176" text-anchor="middle" font-family="sans-serif" font-size="16" fill="{ink}">{title}</text>
            </svg>
            """;
    }
}
