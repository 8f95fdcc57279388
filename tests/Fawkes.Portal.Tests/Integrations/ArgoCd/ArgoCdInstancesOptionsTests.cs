using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Tests.Integrations.ArgoCd;

public sealed class ArgoCdInstancesOptionsTests
{
    private static IReadOnlyList<string> Errors(params ArgoCdInstanceOptions[] instances) =>
        new ArgoCdInstancesOptionsValidator().Validate(null, new ArgoCdInstancesOptions { Instances = [.. instances] }).Failures?.ToList() ?? [];

    [Fact]
    public void A_token_or_a_username_with_password_is_valid()
    {
        Assert.Empty(Errors(new() { Name = "a", Url = "https://argo.example", Token = "t" },
            new() { Name = "b", Url = "http://127.0.0.1:8080/argocd", Username = "portal", Password = "p" }));
    }

    [Fact]
    public void Each_error_names_the_setting_at_fault()
    {
        var errors = Errors(
            new() { Name = "", Url = "argo.example", Token = "t" },
            new() { Name = "dup", Url = "https://argo.example" },
            new() { Name = "DUP", Url = "https://argo.example", Token = "t", Username = "u" },
            new() { Name = "nopass", Url = "https://argo.example", Username = "u" });

        Assert.Contains("Integrations:ArgoCd:Instances:0:Name is required.", errors);
        Assert.Contains(errors, e => e.StartsWith("Integrations:ArgoCd:Instances:0:Url must be an absolute", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Integrations:ArgoCd:Instances:1: set either Token", StringComparison.Ordinal) && e.Contains("neither", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Integrations:ArgoCd:Instances:2:Name 'DUP' is used", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Integrations:ArgoCd:Instances:2: set either Token", StringComparison.Ordinal) && e.Contains("both", StringComparison.Ordinal));
        Assert.Contains("Integrations:ArgoCd:Instances:3:Password is required with Username.", errors);
    }
}
