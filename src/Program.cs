using Fawkes.Portal.App;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog;
using Fawkes.Portal.Features.Dojo;
using Fawkes.Portal.Features.Dojo.Validation;
using Fawkes.Portal.Features.Dora;
using Fawkes.Portal.Features.Live;
using Fawkes.Portal.Features.Templates;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Operations;
using Fawkes.Portal.Operations.Health;

switch (args)
{
    case ["migrate", ..]:
        return await MigrateCommand.RunAsync(args[1..]);
    case ["healthcheck", ..]:
        return await HealthcheckCommand.RunAsync();
    case ["dojo", ..]:
        return DojoValidateCommand.Run(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMountedSecrets();
builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalOperations();
builder.AddPortalUi();
builder.AddIntegrations();
builder.AddCatalog();
builder.AddDora();
builder.AddLive();
builder.AddTemplates();
builder.AddDojo();
builder.AddTemplateForms();

var app = builder.Build();
// Reading catalog files needs no database: it runs while the database is migrated and the app starts.
app.StartCatalogPrefetch();
await app.PreparePortalAsync();
app.UsePortal();
app.MapIntegrations();
app.MapCatalog();
app.MapDora();
app.MapLive();
app.MapTemplates();
app.MapDojo();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the integration and E2E tests.</summary>
public partial class Program;
