using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>
/// A signed-in learner passing things through the real API. Labs are recorded as the lab feature records them (a
/// <c>dojo_lab_results</c> row) followed by the awarder call it makes.
/// </summary>
internal sealed class DojoLearner(PortalHost host, HttpClient client, string login) : IDisposable
{
    public string Login => login;
    public HttpClient Client => client;

    /// <summary>Signs in through the development sign-in, which admits demo people only: a login the demo lacks is added as one.</summary>
    public static async Task<DojoLearner> SignInAsync(PortalHost host, string login, string role = "Learner")
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            if (!await db.Set<PortalUser>().AnyAsync(u => u.Login == login))
            {
                db.Add(new PortalUser { Login = login, DisplayName = $"Learner {login}", Email = $"{login}@example.test", IsDemo = true, DemoRole = role });
                await db.SaveChangesAsync();
            }
        }
        var client = host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return new DojoLearner(host, client, login);
    }

    /// <summary>Right answers of the test quizzes (a; a and b for q2), the first <paramref name="wrong"/> answered b.</summary>
    public static Dictionary<string, string[]> Answers(JsonNode sheet, int wrong = 0) => sheet["questions"]!.AsArray()
        .Select((q, i) => (id: q!["id"]!.GetValue<string>(), i))
        .ToDictionary(x => x.id, x => x.i < wrong ? new[] { "b" } : x.id.EndsWith("q2", StringComparison.Ordinal) ? ["a", "b"] : ["a"]);

    public async Task QuizAsync(string module, bool pass = true)
    {
        var path = $"/api/dojo/modules/{module}/quiz";
        var sheet = (await client.GetFromJsonAsync<JsonObject>(path))!;
        using var response = await client.PostAsJsonAsync(path, new { answers = Answers(sheet, pass ? 0 : 5) });
        response.EnsureSuccessStatusCode();
    }

    public async Task AssessmentAsync(string belt, bool pass = true)
    {
        var path = $"/api/dojo/belts/{belt}/assessment";
        var sheet = (await client.GetFromJsonAsync<JsonObject>(path))!;
        using var response = await client.PostAsJsonAsync(path, new { attemptId = sheet["attemptId"]!.GetValue<string>(), answers = Answers(sheet, pass ? 0 : 8) });
        response.EnsureSuccessStatusCode();
    }

    public async Task LabAsync(string module, bool passed = true)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Add(new DojoLabResult { Login = login, ModuleId = module, ServiceRef = "component:default/svc", Passed = passed, CheckedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await host.Services.GetRequiredService<CertificateAwarder>().TryAwardForModuleAsync(login, module);
    }

    public async Task<List<DojoCertificate>> CertificatesAsync()
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<DojoCertificate>().AsNoTracking().Where(c => c.Login == login).ToListAsync();
    }

    public void Dispose() => client.Dispose();
}
