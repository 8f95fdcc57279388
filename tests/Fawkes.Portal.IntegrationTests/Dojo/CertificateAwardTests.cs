using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>A belt certificate comes with the last of its conditions, whichever that is, and only once.</summary>
public sealed class CertificateAwardTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private const string First = DojoTestContent.FirstModule;
    private const string Second = DojoTestContent.SecondModule;

    [Theory]
    [InlineData("quiz", "tomas.lindqvist")]
    [InlineData("lab", "fatima.haddad")]
    [InlineData("assessment", "daniel.kim")]
    public async Task A_certificate_is_awarded_when_the_last_condition_is_recorded_and_only_once(string last, string login)
    {
        using var learner = await DojoLearner.SignInAsync(fixture.Host, login);
        await learner.QuizAsync(First);
        await learner.LabAsync(First);
        await learner.QuizAsync(Second, pass: false);
        await learner.LabAsync(Second, passed: false);
        await learner.AssessmentAsync("white", pass: false);
        Assert.Empty(await learner.CertificatesAsync());

        // Every condition but the last one.
        if (last != "quiz") { await learner.QuizAsync(Second); }
        if (last != "lab") { await learner.LabAsync(Second); }
        if (last != "assessment") { await learner.AssessmentAsync("white"); }
        Assert.Empty(await learner.CertificatesAsync());

        await (last switch
        {
            "quiz" => learner.QuizAsync(Second),
            "lab" => learner.LabAsync(Second),
            _ => learner.AssessmentAsync("white"),
        });
        var awarded = Assert.Single(await learner.CertificatesAsync());

        await learner.QuizAsync(Second);
        await learner.LabAsync(First);
        await learner.AssessmentAsync("white");
        var again = Assert.Single(await learner.CertificatesAsync());
        Assert.Equal(("white", awarded.Id, awarded.IssuedAt), (again.Belt, again.Id, again.IssuedAt));
    }

    [Fact]
    public async Task Passing_quizzes_and_the_assessment_without_the_labs_earns_nothing()
    {
        using var learner = await DojoLearner.SignInAsync(fixture.Host, "kwame.mensah");

        await learner.QuizAsync(First);
        await learner.QuizAsync(Second);
        await learner.AssessmentAsync("white");
        await learner.LabAsync(First);

        Assert.Empty(await learner.CertificatesAsync());
        var me = (await learner.Client.GetFromJsonAsync<JsonObject>("/api/dojo/progress/me"))!;
        Assert.Empty(me["certificates"]!.AsArray());
    }

    [Fact]
    public async Task Progress_lists_the_learners_certificates_with_their_public_links()
    {
        using var learner = await DojoLearner.SignInAsync(fixture.Host, "elena.rossi");
        await learner.QuizAsync(First);
        await learner.QuizAsync(Second);
        await learner.LabAsync(First);
        await learner.LabAsync(Second);
        await learner.AssessmentAsync("white");

        var me = (await learner.Client.GetFromJsonAsync<JsonObject>("/api/dojo/progress/me"))!;

        var certificate = Assert.Single(me["certificates"]!.AsArray())!;
        var id = Assert.Single(await learner.CertificatesAsync()).Id;
        Assert.Equal((id, "white", "Platform Operator", false), (certificate["id"]!.GetValue<string>(), certificate["belt"]!.GetValue<string>(),
            certificate["beltTitle"]!.GetValue<string>(), certificate["revoked"]!.GetValue<bool>()));
        Assert.Equal(new Uri(fixture.Host.BaseAddress, $"/badges/assertions/{id}").ToString(), certificate["assertion"]!.GetValue<string>());
        Assert.Equal(new Uri(fixture.Host.BaseAddress, $"/dojo/certificates/{id}").ToString(), certificate["url"]!.GetValue<string>());
        Assert.True(me["modules"]![First]!["quizPassed"]!.GetValue<bool>(), "the progress fields are still there");
    }
}
