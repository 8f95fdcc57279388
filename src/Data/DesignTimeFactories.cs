using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fawkes.Portal.Data;

// dotnet ef uses these so it never boots the web host. The connection strings are placeholders:
// generating migrations does not connect.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=localhost;Database=fawkes_design").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design.db").Options);
}
