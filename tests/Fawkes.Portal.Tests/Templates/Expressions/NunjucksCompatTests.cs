using System.Text.Json.Nodes;

namespace Fawkes.Portal.Tests.Templates.Expressions;

/// <summary>
/// The differential table: each case's expected answer was produced by real nunjucks 3.2.4 configured as Backstage's
/// SecureTemplater (compat/nunjucks/render.mjs). Our engine must give the same output, the same typed step input,
/// or fail where nunjucks fails.
/// </summary>
public class NunjucksCompatTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in NunjucksCompatCase.All) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_matches_real_nunjucks(string name)
    {
        var c = NunjucksCompatCase.Named(name);
        var actual = c.Actual();
        if (c.Row["unsupported"] is { } reason)
        {
            Assert.True(actual.ContainsKey("error"), $"expected a refusal ({reason}), got {actual.ToJsonString()}");
            return;
        }
        Assert.True(NunjucksCompatCase.Matches(c.Expected, actual),
            $"nunjucks: {c.Expected?.ToJsonString()}\nours:     {actual.ToJsonString()}");
    }

    [Fact]
    public void Table_has_recorded_expectations_for_every_case()
    {
        Assert.True(NunjucksCompatCase.All.Count >= 150);
        Assert.All(NunjucksCompatCase.All, c => Assert.NotNull(c.Expected));
    }

    /// <summary>compat/nunjucks/diff.sh sets FAWKES_NUNJUCKS_OUT to collect our answers for every case, matching or not.</summary>
    [Fact]
    public void Answers_can_be_written_for_the_diff_script()
    {
        var answers = new JsonObject();
        foreach (var c in NunjucksCompatCase.All) answers[c.Name] = c.Actual();
        var path = Environment.GetEnvironmentVariable("FAWKES_NUNJUCKS_OUT") ?? Path.Combine(Path.GetTempPath(), $"fawkes-nunjucks-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, answers.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.Equal(NunjucksCompatCase.All.Count, JsonNode.Parse(File.ReadAllText(path))!.AsObject().Count);
        if (Environment.GetEnvironmentVariable("FAWKES_NUNJUCKS_OUT") is null) File.Delete(path);
    }
}
