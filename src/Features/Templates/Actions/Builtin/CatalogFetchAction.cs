using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>catalog:fetch</c>: reads one entity (<c>entityRef</c>) or several (<c>entityRefs</c>) from the catalog.</summary>
public sealed class CatalogFetchAction(CatalogQueries catalog) : ScaffolderAction
{
    public override string Id => "catalog:fetch";
    public override string Description => "Returns entity or entities from the catalog by entity reference(s)";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.CatalogFetchInput);
    public override JsonObject OutputSchema { get; } = Schema(ActionSchemas.CatalogFetchOutput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var kind = context.InputString("defaultKind");
        var ns = context.InputString("defaultNamespace") ?? "default";
        var optional = context.InputBool("optional");
        if (context.InputString("entityRef") is { } one)
        {
            var entity = await FindAsync(one, kind, ns, context.CancellationToken);
            if (entity is null && !optional)
            {
                throw new CatalogEntityNotFoundException($"Entity {one} not found");
            }
            context.Output("entity", entity);
        }
        if (context.Input["entityRefs"] is JsonArray many)
        {
            var found = new JsonArray();
            foreach (var reference in many.Select(r => r?.ToString() ?? ""))
            {
                var entity = await FindAsync(reference, kind, ns, context.CancellationToken);
                if (entity is null && !optional)
                {
                    throw new CatalogEntityNotFoundException($"Entity {reference} not found");
                }
                found.Add(entity);
            }
            context.Output("entities", found);
        }
    }

    private async Task<JsonObject?> FindAsync(string reference, string? defaultKind, string defaultNamespace, CancellationToken ct) =>
        EntityRef.TryParse(reference, defaultKind, defaultNamespace, out var parsed, out _) ? await catalog.ByRefAsync(parsed, ct) : null;
}

/// <summary>Backstage's NotFoundError from <c>catalog:fetch</c>.</summary>
public sealed class CatalogEntityNotFoundException(string message) : Exception(message);
