using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Data;

/// <summary>
/// Lets features ask for <see cref="IDbContextFactory{PortalDbContext}"/> without knowing which
/// provider-specific context (and so which migrations) is in use.
/// </summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}
