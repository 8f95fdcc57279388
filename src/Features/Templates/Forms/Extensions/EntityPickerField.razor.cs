using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Templates.Forms.Extensions;

/// <summary>
/// Backstage's EntityPicker: the value is the full entity ref (<c>group:default/payments-team</c>); the list shows refs
/// shortened by <c>defaultKind</c>/<c>defaultNamespace</c>. Typed text is accepted unless <c>allowArbitraryValues</c>
/// is false, read as a ref with those defaults. OwnerPicker is the same over Groups and Users.
/// </summary>
public partial class EntityPickerField
{
    private IReadOnlyList<string>? _refs;

    [Parameter] public bool Owner { get; set; }
    [Inject] private IEntityLookup Lookup { get; set; } = default!;

    private string? DefaultKind => Ui.Text(Options["defaultKind"]) ?? (Owner ? CatalogKinds.Group : null);
    private string DefaultNamespace => Ui.Text(Options["defaultNamespace"]) ?? EntityRef.DefaultNamespace;
    private bool AllowArbitrary => Options["allowArbitraryValues"] is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.False;

    private async Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken ct)
    {
        _refs ??= [.. (await Lookup.FindAsync(CatalogFilters.From(Options, Owner ? [CatalogKinds.Group, CatalogKinds.User] : []), ct))
            .Select(e => Catalog.Relations.RelationBuilder.RefOf(e).ToString()).Order(StringComparer.Ordinal)];
        return string.IsNullOrWhiteSpace(text) ? _refs : _refs.Where(r => r.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
            || Display(r).Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private string Display(string? entityRef)
    {
        if (!EntityRef.TryParse(entityRef, DefaultKind, DefaultNamespace, out var parsed, out _))
        {
            return entityRef ?? "";
        }
        var kind = string.Equals(parsed.Kind, DefaultKind, StringComparison.OrdinalIgnoreCase) ? "" : parsed.Kind.ToLowerInvariant() + ":";
        var ns = string.Equals(parsed.Namespace, DefaultNamespace, StringComparison.OrdinalIgnoreCase) ? "" : parsed.Namespace + "/";
        return kind + ns + parsed.Name;
    }

    /// <summary>A choice or typed text becomes a full ref; text that is no ref is kept, and validation says so.</summary>
    private void Pick(string? text) => SetText(string.IsNullOrWhiteSpace(text) ? null
        : EntityRef.TryParse(text, DefaultKind, DefaultNamespace, out var parsed, out _) ? parsed.ToString() : text);
}
