using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Simulators.Kubernetes;

namespace Fawkes.Portal.Tests.Integrations.Kubernetes;

public sealed class KubernetesSelectorTests
{
    private static KubernetesSelector? Of(params (string Key, string Value)[] annotations) =>
        KubernetesSelector.FromAnnotations(k => annotations.FirstOrDefault(a => a.Key == k).Value);

    [Fact]
    public void The_label_selector_annotation_wins_over_the_id()
    {
        var selector = Of(("backstage.io/kubernetes-id", "api"), ("backstage.io/kubernetes-label-selector", "app in (api,web),tier!=db"));

        Assert.Equal(new KubernetesSelector("app in (api,web),tier!=db", null), selector);
    }

    [Fact]
    public void The_id_becomes_an_exact_equality_selector_and_the_namespace_restricts()
    {
        Assert.Equal(new KubernetesSelector("backstage.io/kubernetes-id=api", "shop"),
            Of(("backstage.io/kubernetes-id", "api"), ("backstage.io/kubernetes-namespace", "shop")));
    }

    [Fact]
    public void An_entity_without_annotations_has_no_selector() => Assert.Null(Of(("backstage.io/kubernetes-namespace", "shop")));

    [Theory]
    [InlineData("app=api", true)]
    [InlineData("app==api,tier=web", true)]
    [InlineData("app!=api", false)]
    [InlineData("app in (web, api)", true)]
    [InlineData("app notin (web,api)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing,app in (api)", true)]
    [InlineData("app=api-canary", false)]
    public void The_simulator_matches_labels_as_the_API_server_does(string selector, bool matches)
    {
        var labels = new Dictionary<string, string> { ["app"] = "api", ["tier"] = "web" };

        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(labels));
    }

    [Fact]
    public void The_simulator_refuses_a_broken_selector() => Assert.Throws<FormatException>(() => LabelSelector.Parse("app in web"));
}
