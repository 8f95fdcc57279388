using Npgsql;

namespace Fawkes.Portal.Testing;

/// <summary>
/// The real PostgreSQL server started by scripts/test.sh. Each fixture gets a database of its own,
/// so test classes never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "FAWKES_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set. Run the suite with scripts/test.sh, which starts a throwaway PostgreSQL server.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "fawkes_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }
}
