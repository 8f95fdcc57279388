using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// Where a field's value lives in the form data: property names from the root (array items use their index).
/// Written as a JSON Pointer (<c>/repo/name</c>), the form errors are reported with, as the validator reports them.
/// </summary>
public sealed record FieldPath(IReadOnlyList<string> Segments)
{
    public static readonly FieldPath Root = new([]);

    public FieldPath Child(string segment) => new([.. Segments, segment]);

    public string Pointer => Segments.Count == 0 ? "" : "/" + string.Join('/', Segments.Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>The property name (last segment): Backstage keys secrets by it.</summary>
    public string Name => Segments.Count == 0 ? "" : Segments[^1];

    public override string ToString() => Pointer;

    public bool Equals(FieldPath? other) => other is not null && Pointer == other.Pointer;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Pointer);

    public static FieldPath Parse(string pointer) =>
        new([.. (pointer ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))]);

    public JsonNode? Get(JsonNode? root)
    {
        var node = root;
        foreach (var segment in Segments)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    /// <summary>Sets the value, creating parent objects; null removes the property (rjsf drops empty values the same way).</summary>
    public void Set(JsonObject root, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (Segments.Count == 0)
        {
            return;
        }
        JsonNode parent = root;
        foreach (var segment in Segments.Take(Segments.Count - 1))
        {
            var next = parent is JsonObject o ? o[segment] : parent is JsonArray a && int.TryParse(segment, out var i) && i < a.Count ? a[i] : null;
            if (next is null)
            {
                next = new JsonObject();
                if (parent is JsonObject po)
                {
                    po[segment] = next;
                }
                else
                {
                    return;
                }
            }
            parent = next;
        }
        switch (parent)
        {
            case JsonObject obj when value is null:
                obj.Remove(Name);
                break;
            case JsonObject obj:
                obj[Name] = value.Parent is null ? value : value.DeepClone();
                break;
            case JsonArray arr when int.TryParse(Name, out var index) && index >= 0 && index < arr.Count:
                arr[index] = value?.Parent is null ? value : value.DeepClone();
                break;
        }
    }
}
