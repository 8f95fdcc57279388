using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>The public certificate, its Open Badges 2.0 documents as a verifier reads them (anonymously), and revocation.</summary>
public sealed partial class BadgeDocumentTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private async Task<DojoCertificate> EarnWhiteAsync(string login)
    {
        using var learner = await DojoLearner.SignInAsync(fixture.Host, login);
        await learner.QuizAsync(DojoTestContent.FirstModule);
        await learner.QuizAsync(DojoTestContent.SecondModule);
        await learner.LabAsync(DojoTestContent.FirstModule);
        await learner.LabAsync(DojoTestContent.SecondModule);
        await learner.AssessmentAsync("white");
        return Assert.Single(await learner.CertificatesAsync());
    }

    private string Url(string path) => new Uri(fixture.Host.BaseAddress, path).ToString();

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task An_assertion_is_hosted_JSON_LD_with_a_salted_recipient_hash_and_links_to_its_BadgeClass_and_issuer()
    {
        var certificate = await EarnWhiteAsync("mei.chen");
        using var anonymous = fixture.Host.NewClient();

        using var response = await anonymous.GetAsync($"/badges/assertions/{certificate.Id}");
        var assertion = await JsonAsync(response);

        Assert.Equal((HttpStatusCode.OK, "application/ld+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.Equal(("https://w3id.org/openbadges/v2", "Assertion", Url($"/badges/assertions/{certificate.Id}")),
            (assertion["@context"]!.GetValue<string>(), assertion["type"]!.GetValue<string>(), assertion["id"]!.GetValue<string>()));
        Assert.Equal(Url("/badges/classes/white"), assertion["badge"]!.GetValue<string>());
        Assert.Equal("hosted", assertion["verification"]!["type"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", assertion["issuedOn"]!.GetValue<string>());
        var recipient = assertion["recipient"]!;
        var user = await UserAsync("mei.chen");
        var (type, identity) = user.Email is { } email ? ("email", email.ToLowerInvariant()) : ("url", "https://github.com/mei.chen");
        var salt = recipient["salt"]!.GetValue<string>();
        Assert.Equal((type, true), (recipient["type"]!.GetValue<string>(), recipient["hashed"]!.GetValue<bool>()));
        Assert.Equal("sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity + salt))),
            recipient["identity"]!.GetValue<string>());
        Assert.DoesNotContain("mei.chen", recipient.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_BadgeClass_its_image_and_the_issuer_Profile_are_public_and_complete()
    {
        using var anonymous = fixture.Host.NewClient();

        using var classResponse = await anonymous.GetAsync("/badges/classes/white");
        var badge = await JsonAsync(classResponse);
        using var image = await anonymous.GetAsync(badge["image"]!.GetValue<string>());
        var issuer = await JsonAsync(await anonymous.GetAsync(badge["issuer"]!.GetValue<string>()));
        using var missing = await anonymous.GetAsync("/badges/classes/purple");

        Assert.Equal(HttpStatusCode.OK, classResponse.StatusCode);
        Assert.Equal(("BadgeClass", Url("/badges/classes/white")), (badge["type"]!.GetValue<string>(), badge["id"]!.GetValue<string>()));
        Assert.Contains("Platform Operator", badge["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("15 questions at 80 %", badge["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("DORA basics: quiz passed, lab passed", badge["criteria"]!["narrative"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (image.StatusCode, image.Content.Headers.ContentType?.MediaType));
        Assert.Contains("White belt", await image.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("https://w3id.org/openbadges/v2", "Profile", Url("/badges/issuer")),
            (issuer["@context"]!.GetValue<string>(), issuer["type"]!.GetValue<string>(), issuer["id"]!.GetValue<string>()));
        Assert.All(new[] { "name", "url", "email" }, p => Assert.False(string.IsNullOrEmpty(issuer[p]?.GetValue<string>()), p));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_client_accepting_only_JSON_gets_application_json_and_unknown_ids_are_404()
    {
        using var anonymous = fixture.Host.NewClient();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var issuer = await anonymous.GetAsync("/badges/issuer");
        using var assertion = await anonymous.GetAsync("/badges/assertions/0123456789abcdef");
        using var certificate = await anonymous.GetAsync("/api/dojo/certificates/0123456789abcdef");
        using var page = await anonymous.GetAsync("/dojo/certificates/0123456789abcdef");

        Assert.Equal("application/json", issuer.Content.Headers.ContentType?.MediaType);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (assertion.StatusCode, certificate.StatusCode, page.StatusCode));
    }

    [Fact]
    public async Task The_certificate_page_and_JSON_are_public()
    {
        var certificate = await EarnWhiteAsync("noah.fischer");
        using var anonymous = fixture.Host.NewClient();

        var json = (await anonymous.GetFromJsonAsync<JsonObject>($"/api/dojo/certificates/{certificate.Id}"))!;
        using var page = await anonymous.GetAsync($"/dojo/certificates/{certificate.Id}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal((certificate.Id, certificate.DisplayName, "white", "Fawkes Platform Dojo", false),
            (json["id"]!.GetValue<string>(), json["learner"]!.GetValue<string>(), json["belt"]!.GetValue<string>(),
             json["issuer"]!.GetValue<string>(), json["revoked"]!.GetValue<bool>()));
        Assert.Null(json["login"]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(certificate.DisplayName, html, StringComparison.Ordinal);
        Assert.Contains(certificate.Id, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Url($"/badges/assertions/{certificate.Id}")}\"", html, StringComparison.Ordinal);
        Assert.Contains("css/certificate.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("revoke-form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Admin_revokes_and_the_assertion_answers_410_Gone_with_revoked_and_the_reason()
    {
        var certificate = await EarnWhiteAsync("aisha.bello");
        using var anonymous = fixture.Host.NewClient();
        using var learner = await DojoLearner.SignInAsync(fixture.Host, "aisha.bello");
        using var admin = await DojoLearner.SignInAsync(fixture.Host, "amara.okafor", "Admin");
        var revoke = $"/api/dojo/certificates/{certificate.Id}/revoke";

        using var byAnonymous = await anonymous.PostAsJsonAsync(revoke, new { reason = "x" });
        using var byLearner = await learner.Client.PostAsJsonAsync(revoke, new { reason = "x" });
        using var noReason = await admin.Client.PostAsJsonAsync(revoke, new { reason = " " });
        using var revoked = await admin.Client.PostAsJsonAsync(revoke, new { reason = "Issued in error." });
        using var twice = await admin.Client.PostAsJsonAsync(revoke, new { reason = "Again." });
        using var gone = await anonymous.GetAsync($"/badges/assertions/{certificate.Id}");
        var body = await JsonAsync(gone);
        await learner.AssessmentAsync("white");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict),
            (byAnonymous.StatusCode, byLearner.StatusCode, noReason.StatusCode, revoked.StatusCode, twice.StatusCode));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal((true, "Issued in error.", Url($"/badges/assertions/{certificate.Id}"), "Assertion"),
            (body["revoked"]!.GetValue<bool>(), body["revocationReason"]!.GetValue<string>(), body["id"]!.GetValue<string>(), body["type"]!.GetValue<string>()));
        Assert.Null(body["recipient"]);
        var json = (await anonymous.GetFromJsonAsync<JsonObject>($"/api/dojo/certificates/{certificate.Id}"))!;
        Assert.Equal((true, "Issued in error."), (json["revoked"]!.GetValue<bool>(), json["revocationReason"]!.GetValue<string>()));
        var still = Assert.Single(await learner.CertificatesAsync());
        Assert.Equal((certificate.Id, true), (still.Id, still.Revoked));
    }

    [Fact]
    public async Task The_revoke_button_on_the_certificate_page_works_for_an_Admin_only()
    {
        var certificate = await EarnWhiteAsync("hannah.schmidt");
        using var admin = await DojoLearner.SignInAsync(fixture.Host, "amara.okafor", "Admin");
        using var learner = await DojoLearner.SignInAsync(fixture.Host, "hannah.schmidt");
        var path = $"/dojo/certificates/{certificate.Id}";

        var learnerPage = await learner.Client.GetStringAsync(path);
        var adminPage = await admin.Client.GetStringAsync(path);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(adminPage).Groups[1].Value, ["_handler"] = "revoke",
            ["Reason"] = "Lab evidence was not the learner's own.",
        });
        using var posted = await admin.Client.PostAsync(path, form);
        var after = await posted.Content.ReadAsStringAsync();

        Assert.DoesNotContain("revoke-form", learnerPage, StringComparison.Ordinal);
        Assert.Contains("revoke-form", adminPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("certificate-revoked", after, StringComparison.Ordinal);
        Assert.Contains("Lab evidence was not the learner&#x27;s own.", after, StringComparison.Ordinal);
        Assert.True(Assert.Single(await learner.CertificatesAsync()).Revoked);
    }

    private async Task<PortalUser> UserAsync(string login)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<PortalUser>().AsNoTracking().SingleAsync(u => u.Login == login);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
