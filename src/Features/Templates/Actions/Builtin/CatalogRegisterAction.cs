using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// <c>catalog:register</c>: registers the new repository's <c>catalog-info.yaml</c> as a url location, for the person who
/// started the run (their permission to register is checked), reads it at once so the entity is in the catalog when the
/// step ends, and outputs <c>entityRef</c> — the first Component, else the first entity that is not a generated Location.
/// </summary>
public sealed class CatalogRegisterAction(LocationService locations) : ScaffolderAction
{
    public override string Id => "catalog:register";
    public override string Description => "Registers entities from a catalog descriptor file in the workspace into the software catalog.";
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.CatalogRegisterInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var url = context.InputString("catalogInfoUrl") ?? ResolveInRepo(context);
        var decision = PermissionRules.Decide(Caller.From(context.Initiator), PortalAction.CatalogRegister);
        if (!decision.Allowed)
        {
            throw new UnauthorizedAccessException($"Registering {url} was refused: {decision.Message}");
        }
        await context.Log.InfoAsync($"Registering {url} in the catalog", null, context.CancellationToken);
        var actor = context.Initiator.FindFirst(PortalClaims.Login)?.Value ?? "scaffolder";
        var result = await locations.RegisterAsync("url", url, "scaffolder", actor, dryRun: false, context.CancellationToken);
        if (result.Refused is { } refused && !context.InputBool("optional"))
        {
            throw new InvalidOperationException(refused);
        }
        var problems = result.Problems.Select(p => p.Message).Concat(result.Entities.SelectMany(e => e.Problems.Select(p => p.Message))).ToList();
        if (result.Entities.All(e => !e.IsValid) && problems.Count > 0 && !context.InputBool("optional"))
        {
            throw new InvalidOperationException($"{url} could not be read: {string.Join("; ", problems)}");
        }
        var valid = result.Entities.Where(e => e.IsValid && e.Ref is not null).ToList();
        var chosen = valid.FirstOrDefault(e => !e.Ref!.Value.Name.StartsWith("generated-", StringComparison.Ordinal) && e.Ref.Value.Kind.Equals("Component", StringComparison.OrdinalIgnoreCase))
            ?? valid.FirstOrDefault(e => !e.Ref!.Value.Name.StartsWith("generated-", StringComparison.Ordinal))
            ?? valid.FirstOrDefault();
        if (chosen?.Ref is { } entityRef)
        {
            context.Output("entityRef", entityRef.ToString());
        }
        context.Output("catalogInfoUrl", url);
    }

    /// <summary><c>repoContentsUrl</c> + <c>catalogInfoPath</c> (default <c>/catalog-info.yaml</c>), resolved as the
    /// GitHub integration resolves a path against a tree URL.</summary>
    private static string ResolveInRepo(ActionContext context)
    {
        var contents = context.RequiredString("repoContentsUrl");
        if (!Uri.TryCreate(contents, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ActionInputException($"No integration found for host {contents}");
        }
        var path = context.InputString("catalogInfoPath") ?? "/catalog-info.yaml";
        return $"{contents.TrimEnd('/')}/{path.TrimStart('/')}";
    }
}
