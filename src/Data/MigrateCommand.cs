using Fawkes.Portal.App;

namespace Fawkes.Portal.Data;

/// <summary><c>dotnet Fawkes.Portal.dll migrate</c>: applies migrations with the app's own configuration, then exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMountedSecrets();
        builder.AddPortalData();
        await using var app = builder.Build();
        var runner = app.Services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync();
        var pending = await runner.PendingAsync();
        app.Logger.LogInformation("Migrations complete; {Pending} pending.", pending.Count);
        return pending.Count == 0 ? 0 : 1;
    }
}
