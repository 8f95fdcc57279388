using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fawkes.Portal.Data;

/// <summary>
/// Makes exactly one replica run a background job at a time: a PostgreSQL session advisory lock, held on its own
/// connection for as long as the job runs. On SQLite (a single process) every caller gets the lock.
/// </summary>
public sealed class ReplicaLock(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is not NpgsqlConnection template)
        {
            return new Held(null);
        }
        // Unpooled: a pooled connection would keep the session (and the lock) alive after it is "closed".
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", Key(job));
        if (await command.ExecuteScalarAsync(ct) is true)
        {
            return new Held(connection);
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key per job name.</summary>
    internal static long Key(string job) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("fawkes-portal:" + job)), 0);

    private sealed class Held(NpgsqlConnection? connection) : IAsyncDisposable
    {
        // Closing the (unpooled) session releases the advisory lock, also if the process dies.
        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
