using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Tests.Integrations.SonarQube;

/// <summary>Split as Backstage's SonarQube plugin splits the annotation: at the first '/'.</summary>
public sealed class SonarQubeProjectRefTests
{
    [Theory]
    [InlineData("fawkes_payments-api", null, "fawkes_payments-api")]
    [InlineData("eu/fawkes_payments-api", "eu", "fawkes_payments-api")]
    [InlineData("eu/tenant/key", "eu", "tenant/key")]
    [InlineData("tenant:key", null, "tenant:key")]
    [InlineData("eu/tenant:key", "eu", "tenant:key")]
    [InlineData("  eu / key ", "eu", "key")]
    public void Parse_instance_and_key(string annotation, string? instance, string key)
    {
        var project = SonarQubeProjectRef.Parse(annotation)!;

        Assert.Equal(instance, project.Instance);
        Assert.Equal(key, project.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_missing_is_null(string? annotation) => Assert.Null(SonarQubeProjectRef.Parse(annotation));

    [Theory]
    [InlineData("/key", "instance name before '/'")]
    [InlineData("eu/", "project key after '/'")]
    public void Parse_empty_part_says_which(string annotation, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SonarQubeProjectRef.Parse(annotation));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("sonarqube.org/project-key", error.Message, StringComparison.Ordinal);
    }
}
