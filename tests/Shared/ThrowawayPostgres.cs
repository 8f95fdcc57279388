using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fawkes.Portal.Testing;

/// <summary>
/// A PostgreSQL server of a test's own (initdb + pg_ctl, as scripts/postgres.sh does), on a free loopback port and a
/// temp data folder, that the test may stop and start again (same data, same port) without disturbing the suite's
/// shared server. As root, the server runs as the <c>postgres</c> user, since initdb refuses root.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private ThrowawayPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>The database <c>fawkes</c>, owned by the role <c>fawkes</c>, as the app connects to it.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=fawkes;Username=fawkes;Password=fawkes";

    private string DataDir => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>initdb, start, then create the <c>fawkes</c> role and database (about 1–3 s).</summary>
    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => Version(d)).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql).");
        }
        var root = Directory.CreateTempSubdirectory("fawkes-pg-own-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], Path.Combine(root, "chown.log"));
        }
        var server = new ThrowawayPostgres(bin, root, FreePort());
        await server.AsPostgresAsync("initdb", ["-D", server.DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], "initdb.log");
        await server.StartAgainAsync();
        await using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Database=postgres;Username=postgres;Pooling=false"))
        {
            await admin.OpenAsync();
            await using var role = new NpgsqlCommand("CREATE ROLE fawkes LOGIN CREATEDB PASSWORD 'fawkes'", admin);
            await role.ExecuteNonQueryAsync();
            await using var database = new NpgsqlCommand("CREATE DATABASE fawkes OWNER fawkes", admin);
            await database.ExecuteNonQueryAsync();
        }
        return server;
    }

    /// <summary>Starts the server on its existing data folder and port; returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await AsPostgresAsync("pg_ctl", ["-D", DataDir, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {Path.Combine(_root, "sock")} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], "pg_ctl-start.log");
        IsRunning = true;
    }

    /// <summary>A fast shutdown: open sessions are ended, as when an operator restarts the server or a pod is moved.</summary>
    public async Task StopAsync()
    {
        await AsPostgresAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "-t", "60", "stop"], "pg_ctl-stop.log");
        IsRunning = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning)
            {
                await StopAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task AsPostgresAsync(string tool, IReadOnlyList<string> args, string log)
    {
        var exe = Path.Combine(_bin, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], Path.Combine(_root, log))
            : RunAsync(exe, args, Path.Combine(_root, log));
    }

    /// <summary>
    /// Runs a tool with its output in a log file (not a pipe: the server pg_ctl starts would inherit a pipe and hold it
    /// open); a failure throws with the log and the server log, which say why.
    /// </summary>
    private static async Task RunAsync(string exe, IReadOnlyList<string> args, string log)
    {
        var quoted = string.Join(' ', new[] { exe }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{quoted} >'{log}' 2>&1 </dev/null");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var serverLog = Path.Combine(Path.GetDirectoryName(log)!, "server.log");
            throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} exited with {process.ExitCode}:\n"
                + (File.Exists(log) ? File.ReadAllText(log) : "") + (File.Exists(serverLog) ? "\nserver.log:\n" + File.ReadAllText(serverLog) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The major version from <c>/usr/lib/postgresql/15/bin</c>, so the newest installed server is used.</summary>
    private static int Version(string binDir) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(binDir)), System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : 0;
}
