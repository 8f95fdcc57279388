using Fawkes.Portal.App.Home;
using Fawkes.Portal.App.Theme;
using Fawkes.Portal.Data;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Operations;
using Fawkes.Portal.Operations.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

namespace Fawkes.Portal.App;

public static class AppExtensions
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ThemePreferences>();
        builder.Services.AddSingleton<HomeSummary>();
        builder.Services.AddSingleton<IHomeStatProvider, PeopleStatProvider>();
        return builder;
    }

    /// <summary>Start-up work before serving: migrations (where allowed) and demo data.</summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.ApplyStartupMigrationsAsync();
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceUrls(app));
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<SignInMode>().LogAtStart(app.Logger);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // API errors become problem+json; pages get the error and not-found pages.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui
            .UseExceptionHandler("/error", createScopeForErrors: true)
            .UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the exception and status-code handlers, so their re-executed /error and /not-found are routed
        // to their (anonymous) pages instead of falling through to the fallback authorization policy.
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalOperations();
        app.MapSignInEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var demo = app.Services.GetRequiredService<DemoSeeder>().IsEnabled ? " (demo mode: development sign-in, demo data)" : "";
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("Fawkes Portal is ready at {Url}{Demo}", address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal), demo);
        }
    }
}
