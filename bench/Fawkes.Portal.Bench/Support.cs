using System.Diagnostics;

namespace Fawkes.Portal.Bench;

internal sealed record Args(int Entities, string Provider, string? Connection, string App, int Port, int Iterations, int Events = 0, string Circuits = "", string WriteCatalog = "")
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Args(
            int.Parse(Get("--entities", "10000"), System.Globalization.CultureInfo.InvariantCulture),
            Get("--provider", "Postgres"),
            Environment.GetEnvironmentVariable("FAWKES_BENCH_POSTGRES") is { } env ? Get("--connection", env) : Get("--connection", "") is { Length: > 0 } c ? c : null,
            Get("--app", "bin/bench-publish/Fawkes.Portal.dll"),
            int.Parse(Get("--port", "5190"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--iterations", "200"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--dora", "0"), System.Globalization.CultureInfo.InvariantCulture),
            Get("--circuits", ""),
            Get("--write-catalog", ""));
    }
}

/// <summary>The published portal as a child process, configured only through environment variables.</summary>
internal sealed class PortalProcess : IDisposable
{
    public const string Token = "fwk_bench_token_0000000000000000000000000000000";
    private readonly Process _process;

    private PortalProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static PortalProcess Start(Args o, string root, string folder, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Run from the publish folder: it is the content root, where the static web assets (blazor.web.js) are found.
        var app = Path.GetFullPath(o.App);
        var info = new ProcessStartInfo("dotnet", app) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app) };
        var env = info.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{o.Port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = o.Provider;
        env["Database__MigrateOnStartup"] = "true";
        env["Database__DataDirectory"] = Path.Combine(folder, "data");
        if (o.Connection is not null)
        {
            env["ConnectionStrings__Portal"] = o.Connection;
        }
        env["Portal__Demo__Enabled"] = "true";
        // Production environment: the development sign-in the bench signs in with must be asked for explicitly.
        env["Portal__DevelopmentSignIn__Enabled"] = "true";
        env["Portal__Api__BootstrapToken"] = Token;
        env["Portal__RateLimits__ApiPerMinute"] = "10000000";
        env["Portal__RateLimits__SignInPerMinute"] = "1000";
        env["Catalog__Locations__0__Type"] = "file";
        env["Catalog__Locations__0__Target"] = root;
        foreach (var (kind, i) in new[] { "Component", "API", "System", "Domain", "Resource", "Group", "User", "Location" }.Select((k, i) => (k, i)))
        {
            env[$"Catalog__Locations__0__Rules__0__Allow__{i}"] = kind;
        }
        env["Catalog__RefreshIntervalSeconds"] = "3600";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Fawkes.Portal.Features.Catalog.Ingestion.LocationService"] = "Information";
        env["Logging__LogLevel__Fawkes.Portal.Features.Catalog.Ingestion.CatalogWriter"] = "Debug";
        env["Logging__LogLevel__Fawkes.Portal.Features.Catalog.Query.EntitySnapshot"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("\"Error\"", StringComparison.Ordinal) == true || e.Data?.Contains("stored", StringComparison.Ordinal) == true || e.Data?.Contains("phases", StringComparison.Ordinal) == true || e.Data?.Contains("snapshot", StringComparison.Ordinal) == true) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PortalProcess(process, new Uri($"http://127.0.0.1:{o.Port}"));
    }

    public double RssMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>A cookie session through the development sign-in (the bench configures no OAuth client).</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(Uri baseAddress, string login, string role)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = baseAddress };
        var signin = await browser.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(signin, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        await browser.PostAsync("/auth/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["login"] = login, ["role"] = role,
        }));
        return browser;
    }

    /// <summary>SIGKILL: no graceful shutdown, like a crashed pod.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
