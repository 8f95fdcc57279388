using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Operations.Demo;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>Two replicas registering <c>Catalog:Locations</c> at the same moment, on one PostgreSQL database.</summary>
public sealed class ConfiguredLocationsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-configured-").FullName;
    private PortalHost _host = default!;

    public async Task InitializeAsync() => _host = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(_folder));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A replica's registrar: its own instance over the shared database, as a second process would have.</summary>
    private ConfiguredLocations Replica(CatalogOptions options) => new(
        _host.Services.GetRequiredService<LocationService>(), Options.Create(options), _host.Services.GetRequiredService<DemoSeeder>(),
        _host.Services.GetRequiredService<TemplateLocation>(),
        new ReplicaLock(_host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>()),
        _host.Services.GetRequiredService<ILogger<ConfiguredLocations>>());

    [Fact]
    public async Task Two_replicas_at_once_register_every_good_location_exactly_once_despite_a_bad_one()
    {
        var good = new[] { ("file", Path.Combine(_folder, "configured-a.yaml")), ("url", "http://localhost:1/configured-b.yaml") };
        // Too long for the target column: the database refuses it. Listed first, so a failure that skipped the rest would show.
        var bad = ("file", "/" + new string('x', 2_100) + ".yaml");
        var options = new CatalogOptions();
        foreach (var (type, target) in new[] { bad, good[0], good[1] })
        {
            options.Locations.Add(new ConfiguredLocation { Type = type, Target = target });
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Replica(options).RegisterAsync(CancellationToken.None))));

        var stored = await _host.Services.GetRequiredService<LocationService>().ListAsync(CancellationToken.None);
        foreach (var (type, target) in good)
        {
            Assert.Single(stored, l => l.Type == type && l.Target == target);
            var outcomes = runs.Select(r => r.Single(x => x.Target == target).Outcome).ToList();
            Assert.Equal(1, outcomes.Count(o => o == ConfiguredOutcome.Registered));
            Assert.Equal(runs.Length - 1, outcomes.Count(o => o == ConfiguredOutcome.AlreadyRegistered));
        }
        Assert.DoesNotContain(stored, l => l.Target == bad.Item2);
        Assert.All(runs, r => Assert.Contains("Could not register file:/xxx", r.Single(x => x.Outcome == ConfiguredOutcome.Failed).Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_up_registration_is_idempotent_and_reports_what_it_did()
    {
        var registrar = _host.Services.GetRequiredService<ConfiguredLocations>();
        for (var waited = 0; registrar.LastRun.Count == 0 && waited < 300; waited++)
        {
            await Task.Delay(100); // The host's own start-up registration runs in the background.
        }

        var again = await registrar.RegisterAsync(CancellationToken.None);

        var only = Assert.Single(again);
        Assert.Equal((Path.Combine(_folder, "catalog-info.yaml"), ConfiguredOutcome.AlreadyRegistered), (only.Target, only.Outcome));
        Assert.Same(again, registrar.LastRun);
    }
}
