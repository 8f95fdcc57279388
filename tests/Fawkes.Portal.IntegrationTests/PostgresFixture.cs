using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests;

/// <summary>One running portal on its own PostgreSQL database, shared by a test class.</summary>
public sealed class PostgresPortalFixture : IAsyncLifetime
{
    public PortalHost Host { get; private set; } = default!;

    public async Task InitializeAsync() => Host = await PortalHost.StartPostgresAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
