using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Labs;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>With demo mode off and no system configured, each live check is a FAIL that says what to configure, never an exception.</summary>
public sealed class LabUnconfiguredTests : IAsyncLifetime
{
    private PortalHost _host = default!;

    public async Task InitializeAsync() =>
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Portal:Demo:Enabled"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("kubernetes", "No Kubernetes cluster is configured")]
    [InlineData("argocd", "No ArgoCD instance is configured")]
    [InlineData("jenkins", "No Jenkins instance is configured")]
    [InlineData("sonarqube", "No SonarQube instance is configured")]
    public async Task An_unconfigured_system_is_a_FAIL_naming_the_setting(string type, string message)
    {
        var entity = JsonNode.Parse("""
            {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"svc","namespace":"default","annotations":{
              "backstage.io/kubernetes-id":"svc","argocd/app-name":"svc","jenkins.io/job-full-name":"team/svc","sonarqube.org/project-key":"svc"}}}
            """)!.AsObject();
        var check = _host.Services.GetServices<ILabCheck>().Single(c => c.Type == type);

        var result = await check.RunAsync(new LabTarget(entity, new EntityRef("Component", "default", "svc"), LabFixture.Person("ada")),
            new LabCheck(type, new Dictionary<string, object>(), 1), CancellationToken.None);

        Assert.Equal(LabStatus.Fail, result.Status);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }
}
