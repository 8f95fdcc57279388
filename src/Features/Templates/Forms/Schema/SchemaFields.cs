using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>A field the form shows for the current values: where its value lives, its schema, whether it is required.</summary>
public sealed record FieldInfo(FieldPath Path, JsonObject Schema, bool Required)
{
    public string Title => Ui.Text(Schema["title"]) ?? Path.Name;
}

/// <summary>Walks the visible fields of a step (conditionals resolved), nested objects included, in schema order.</summary>
public static class SchemaFields
{
    public static IEnumerable<FieldInfo> Walk(JsonObject objectSchema, JsonObject values) => Walk(objectSchema, values, FieldPath.Root);

    public static IEnumerable<FieldInfo> Walk(JsonObject objectSchema, JsonObject values, FieldPath at)
    {
        ArgumentNullException.ThrowIfNull(objectSchema);
        var resolved = SchemaResolver.Resolve(objectSchema, at.Get(values) as JsonObject);
        var required = Ui.Strings(resolved["required"]);
        foreach (var (name, node) in resolved["properties"] as JsonObject ?? [])
        {
            if (node is not JsonObject schema)
            {
                continue;
            }
            var field = new FieldInfo(at.Child(name), schema, required.Contains(name));
            yield return field;
            if (Ui.Type(schema) == "object" && Ui.Field(schema) is null)
            {
                foreach (var nested in Walk(schema, values, field.Path))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>
    /// Fills every visible field that has no value with its <c>default</c>, as rjsf's default form state does on each
    /// change (a field revealed by a condition gets its default when it appears). Returns whether anything changed.
    /// </summary>
    public static bool ApplyDefaults(JsonObject objectSchema, JsonObject values)
    {
        var changed = false;
        // Each default may reveal more fields (a condition on it), so walk again until nothing is added; bounded by depth.
        for (var round = 0; round < 8; round++)
        {
            var added = false;
            foreach (var field in Walk(objectSchema, values).ToList())
            {
                if (field.Schema["default"] is { } fallback && field.Path.Get(values) is null && Ui.Field(field.Schema) != FieldExtensions.Secret)
                {
                    field.Path.Set(values, fallback.DeepClone());
                    added = true;
                }
            }
            changed |= added;
            if (!added)
            {
                break;
            }
        }
        return changed;
    }
}
