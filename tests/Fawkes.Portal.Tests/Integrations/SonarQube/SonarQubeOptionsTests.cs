using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Tests.Integrations.SonarQube;

public sealed class SonarQubeOptionsTests
{
    [Fact]
    public void Every_bad_setting_is_named()
    {
        var options = new SonarQubeOptions
        {
            TimeoutSeconds = 0,
            Instances =
            [
                new() { Name = "", Url = "https://sonar.example" },
                new() { Name = "eu/west", Url = "ftp://sonar" },
                new() { Name = "a", Url = "https://a.example", AuthScheme = "Digest" },
                new() { Name = "A", Url = "https://b.example" },
            ],
        };

        var result = new SonarQubeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var text = string.Join('\n', result.Failures!);
        Assert.Contains("Integrations:SonarQube:TimeoutSeconds", text, StringComparison.Ordinal);
        Assert.Contains("Integrations:SonarQube:Instances:0:Name is required", text, StringComparison.Ordinal);
        Assert.Contains("Instances:1:Name 'eu/west' must not contain '/'", text, StringComparison.Ordinal);
        Assert.Contains("Instances:1:Url must be an absolute http:// or https:// URL", text, StringComparison.Ordinal);
        Assert.Contains("Instances:2:AuthScheme must be 'Basic' or 'Bearer'", text, StringComparison.Ordinal);
        Assert.Contains("Instances:3:Name 'A' is used by another instance", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_instance_is_the_one_named_default_else_the_first()
    {
        using var instances = new SonarQubeInstances(Microsoft.Extensions.Options.Options.Create(new SonarQubeOptions
        {
            Instances = [new() { Name = "eu", Url = "https://eu.example" }, new() { Name = "default", Url = "https://sonar.example/sq" }],
        }));

        Assert.Equal("default", instances.Find(null)!.Name);
        Assert.Equal("eu", instances.Find("EU")!.Name);
        Assert.Null(instances.Find("us"));
        Assert.Equal("https://sonar.example/sq/dashboard?id=a%2Fb", instances.Find(null)!.DashboardUrl("a/b"));
    }
}
