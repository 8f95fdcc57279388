using System.Net;
using System.Security.Claims;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Labs;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>
/// The portal in demo mode on PostgreSQL: the demo catalog and DORA history, and the Kubernetes, ArgoCD, Jenkins and
/// SonarQube simulators it starts (payments-api is healthy everywhere; fraud-check is failing everywhere). The test
/// curriculum's yellow module has no lab. ArgoCD answers are not cached, so a sync's effect is seen at once.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public DojoTestContent Content { get; } = new();
    public PortalHost Host { get; private set; } = default!;
    public StaticHttpServer Web { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Content.Replace("yellow/01-pipelines.md", """
            lab:
              title: Check your service
              checks:
                - type: entity
                  annotations: [backstage.io/kubernetes-id]
                - type: dora-events
                  days: 30
                  minDeployments: 1

            """, "");
        Web = await StaticHttpServer.StartAsync();
        Host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Dojo:ContentPath"] = Content.Root,
            ["Dojo:Labs:AllowPrivateNetworks"] = "true",
            ["Integrations:ArgoCd:CacheSeconds"] = "0",
        });
        await WaitForDemoDataAsync();
    }

    public HttpClient Token() => Host.NewClient(bearer: PortalHost.BootstrapToken);

    public async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var client = Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return client;
    }

    /// <summary>A signed-in person as the module page passes them to the lab service.</summary>
    public static ClaimsPrincipal Person(string login) => new(new ClaimsIdentity(
        [new Claim(PortalClaims.Login, login), new Claim(PortalClaims.AuthMethod, "development"), new Claim(ClaimTypes.Role, PortalRoles.Learner)],
        "test"));

    /// <summary>Runs one check type, as the lab runner does, against a demo Component.</summary>
    public async Task<LabCheckResult> CheckAsync(string type, string component, Dictionary<string, object>? parameters = null, string login = "priya.raman",
        ILabCheck? check = null)
    {
        var entityRef = new EntityRef(CatalogKinds.Component, EntityRef.DefaultNamespace, component);
        var entity = await Host.Services.GetRequiredService<CatalogQueries>().ByRefAsync(entityRef)
            ?? throw new InvalidOperationException($"{entityRef} is not in the demo catalog");
        check ??= Host.Services.GetServices<ILabCheck>().Single(c => c.Type == type);
        return await check.RunAsync(new LabTarget(entity, entityRef, Person(login)), new LabCheck(type, parameters ?? [], 1), CancellationToken.None);
    }

    private async Task WaitForDemoDataAsync()
    {
        using var api = Token();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var entity = await api.GetAsync("/api/catalog/entities/by-name/component/default/identity-service");
            var summary = await api.GetStringAsync("/api/dora/summary?service=identity-service");
            if (entity.IsSuccessStatusCode && !summary.Contains("\"deployments\":0,", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The demo catalog and DORA history did not load within 60 s.");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Web.DisposeAsync();
        Content.Dispose();
    }
}
