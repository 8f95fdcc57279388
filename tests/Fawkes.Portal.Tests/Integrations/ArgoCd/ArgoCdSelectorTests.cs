using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Tests.Integrations.ArgoCd;

public sealed class ArgoCdSelectorTests
{
    private static ArgoCdSelector? From(params (string Key, string Value)[] annotations) =>
        ArgoCdSelector.FromAnnotations(key => annotations.FirstOrDefault(a => a.Key == key).Value);

    [Fact]
    public void No_annotation_means_no_selector() => Assert.Null(From(("argocd/instance-name", "prod")));

    [Fact]
    public void The_app_name_wins_over_the_selector_and_the_instance_is_kept()
    {
        var s = From(("argocd/app-name", " shop "), ("argocd/app-selector", "team=web"), ("argocd/instance-name", "prod"))!;

        Assert.Equal(("shop", null, "prod"), (s.AppName, s.AppSelector, s.InstanceName));
    }

    [Fact]
    public void A_selector_alone_is_used_on_every_instance()
    {
        var s = From(("argocd/app-selector", "team in (web,api)"))!;

        Assert.Equal((null, "team in (web,api)", null), (s.AppName, s.AppSelector, s.InstanceName));
        Assert.NotEqual(s.CacheKey, From(("argocd/app-selector", "team=web"))!.CacheKey);
    }
}
