using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Data;

public static class DataExtensions
{
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Portal");

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("ConnectionStrings:Portal", typeof(DatabaseOptions),
                    ["Database:Provider is Postgres but ConnectionStrings:Portal is empty. Set it, e.g. Host=db;Database=fawkes;Username=fawkes;Password=…"]);
            }
            services.AddPooledDbContextFactory<PostgresPortalDbContext>(o => o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure(3)));
            services.AddHostedService(sp => new Changes.PostgresChangeListener(
                connectionString, sp.GetRequiredService<Changes.ChangeFeed>(), sp.GetRequiredService<ILogger<Changes.PostgresChangeListener>>()));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<PostgresPortalDbContext>>();
        }
        else
        {
            var sqlite = string.IsNullOrWhiteSpace(connectionString)
                ? SqliteDefaults.ConnectionString(builder.Environment.ContentRootPath, options.DataDirectory)
                : connectionString;
            services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, o) =>
                o.UseSqlite(sqlite).AddInterceptors(sp.GetRequiredService<Changes.InProcessChangeInterceptor>()));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
        }

        // Data Protection resolves a scoped context of its own; pages and services never inject it.
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        var protection = services.AddDataProtection().SetApplicationName("fawkes-portal").PersistKeysToDbContext<PortalDbContext>();
        // Keys are shared by all replicas through the database; a mounted certificate encrypts them at rest.
        var certificate = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            protection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, builder.Configuration["DataProtection:CertificatePassword"]));
        }
        services.AddSingleton<Changes.ChangeFeed>();
        services.AddSingleton<Changes.InProcessChangeInterceptor>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ReplicaLock>();
        return builder;
    }
}
