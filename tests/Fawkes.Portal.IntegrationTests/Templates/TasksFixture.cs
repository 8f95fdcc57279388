using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>The portal in demo mode on PostgreSQL with <see cref="TaskTemplates"/> in its catalog, and a signed-in client
/// per demo person: priya (Developer, payments-team), lucas (Developer, checkout-team, which owns the templates),
/// jonas (PlatformLead) and amara (Admin).</summary>
public sealed class TasksFixture : IAsyncLifetime
{
    public string Folder { get; } = TaskTemplates.Create();
    public PortalHost Host { get; private set; } = default!;
    public HttpClient Priya { get; private set; } = default!;
    public HttpClient Lucas { get; private set; } = default!;
    public HttpClient Jonas { get; private set; } = default!;
    public HttpClient Amara { get; private set; } = default!;

    public static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["Catalog:Locations:0:Type"] = "file",
        ["Catalog:Locations:0:Target"] = Path.Combine(folder, "template.yaml"),
        ["Catalog:FileRoots:0"] = folder,
        ["Catalog:RefreshIntervalSeconds"] = "3600",
        ["Templates:Tasks:LongPollSeconds"] = "2",
        ["Templates:Tasks:HeartbeatSeconds"] = "0.5",
        ["Portal:RateLimits:SignInPerMinute"] = "10000",
        ["Portal:RateLimits:ApiPerMinute"] = "100000",
    };

    public async Task InitializeAsync()
    {
        Host = await PortalHost.StartPostgresAsync(Settings(Folder));
        Priya = await SignInAsync(Host, "priya.raman", "Developer");
        Lucas = await SignInAsync(Host, "lucas.moreau", "Developer");
        Jonas = await SignInAsync(Host, "jonas.weber", "PlatformLead");
        Amara = await SignInAsync(Host, "amara.okafor", "Admin");
        await WaitForTemplatesAsync(Amara);
    }

    public static async Task<HttpClient> SignInAsync(PortalHost host, string login, string role)
    {
        var jar = new CookieContainer();
        using (var signIn = host.NewClient(cookies: jar))
        {
            (await HttpSignIn.SignInAsync(signIn, login, role)).Dispose();
        }
        var client = host.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(host.BaseAddress));
        return client;
    }

    /// <summary>Start-up ingestion is a background job: waits until the test templates and the demo users are in the catalog.</summary>
    public static Task WaitForTemplatesAsync(HttpClient client) => WaitForCatalogAsync(client, "template/default/lead-gated", "user/default/lucas.moreau");

    /// <summary>Waits until each entity (<c>kind/namespace/name</c>) is in the catalog.</summary>
    public static async Task WaitForCatalogAsync(HttpClient client, params string[] paths)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var path in paths)
        {
            while ((await client.GetAsync($"/api/catalog/entities/by-name/{path}")).StatusCode != HttpStatusCode.OK)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{path} is not in the catalog after 60 s.");
                }
                await Task.Delay(200);
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Priya, Lucas, Jonas, Amara })
        {
            client.Dispose();
        }
        await Host.DisposeAsync();
    }
}

/// <summary>Calls the task API the way the tests need it.</summary>
public static class TaskApi
{
    public const string Base = "/api/scaffolder/v2";

    public static async Task<string> CreateAsync(HttpClient client, string template, JsonObject? values = null)
    {
        using var response = await client.PostAsJsonAsync($"{Base}/tasks", new JsonObject { ["templateRef"] = template, ["values"] = values ?? new JsonObject { ["name"] = "demo" } });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return body!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string id) => (await client.GetFromJsonAsync<JsonObject>($"{Base}/tasks/{id}"))!;

    public static async Task<JsonObject> WaitForStatusAsync(HttpClient client, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var task = await GetAsync(client, id);
            var status = task["status"]!.GetValue<string>();
            if (statuses.Contains(status))
            {
                return task;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Task {id} is still {task["status"]} after 30 s");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonArray> EventsAsync(HttpClient client, string id, long? after = null) =>
        (await client.GetFromJsonAsync<JsonArray>($"{Base}/tasks/{id}/events" + (after is null ? "" : $"?after={after}")))!;

    /// <summary>Backstage's error body: <c>{error: {name, message}, …}</c>.</summary>
    public static async Task<(int Status, string Name, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return ((int)response.StatusCode, body!["error"]!["name"]!.GetValue<string>(), body["error"]!["message"]!.GetValue<string>());
    }
}
