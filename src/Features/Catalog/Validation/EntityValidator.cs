using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;

namespace Fawkes.Portal.Features.Catalog.Validation;

public sealed record ValidationIssue(string Field, string Message);

public sealed record ValidationResult(JsonObject? Entity, IReadOnlyList<ValidationIssue> Errors)
{
    public bool IsValid => Entity is not null && Errors.Count == 0;
}

/// <summary>Backstage's entity envelope, metadata and per-kind spec rules. Pure: no I/O.</summary>
public static partial class EntityValidator
{
    public static ValidationResult Validate(JsonNode? root)
    {
        var errors = new List<ValidationIssue>();
        if (root is not JsonObject source)
        {
            return new(null, [new("", "Document is not a mapping: expected an entity with apiVersion, kind, metadata and spec.")]);
        }
        var entity = (JsonObject)source.DeepClone();
        var apiVersion = RequiredString(entity, "apiVersion", "apiVersion", errors);
        var kind = RequiredString(entity, "kind", "kind", errors);
        if (kind is not null)
        {
            var canonical = CatalogKinds.Canonical(kind);
            if (canonical is null)
            {
                errors.Add(new("kind", $"Unknown kind '{kind}': expected one of {string.Join(", ", CatalogKinds.All)}."));
            }
            else if (apiVersion is not null && !CatalogKinds.ApiVersions[canonical].Contains(apiVersion, StringComparer.Ordinal))
            {
                errors.Add(new("apiVersion", $"apiVersion '{apiVersion}' is not valid for kind {canonical}: use {string.Join(" or ", CatalogKinds.ApiVersions[canonical])}."));
            }
            kind = canonical;
        }

        ValidateMetadata(entity, errors);
        if (entity["spec"] is not JsonObject spec)
        {
            errors.Add(new("spec", entity["spec"] is null ? "spec is required." : "spec must be a mapping."));
        }
        else if (kind is not null)
        {
            SpecRules.Validate(kind, spec, errors);
            var ns = (entity["metadata"] as JsonObject)?["namespace"]?.GetValue<string>() ?? EntityRef.DefaultNamespace;
            ValidateReferences(kind, spec, ns, errors);
        }
        return new(errors.Count == 0 ? entity : null, errors);
    }

    private static void ValidateMetadata(JsonObject entity, List<ValidationIssue> errors)
    {
        if (entity["metadata"] is not JsonObject metadata)
        {
            errors.Add(new("metadata", "metadata is required and must be a mapping with at least a name."));
            return;
        }
        var name = RequiredString(metadata, "name", "metadata.name", errors);
        if (name is not null && !NamingRules.IsValidName(name))
        {
            errors.Add(new("metadata.name", $"'{name}' is not a valid name: up to 63 characters of letters, digits and [-_.] between them."));
        }
        if (metadata["namespace"] is null)
        {
            metadata["namespace"] = EntityRef.DefaultNamespace;
        }
        else if (OptionalString(metadata, "namespace", "metadata.namespace", errors) is { } ns && !NamingRules.IsValidNamespace(ns))
        {
            errors.Add(new("metadata.namespace", $"'{ns}' is not a valid namespace: lowercase letters, digits and '-', up to 63 characters."));
        }
        OptionalString(metadata, "title", "metadata.title", errors);
        OptionalString(metadata, "description", "metadata.description", errors);
        ValidateMap(metadata, "labels", errors, NamingRules.IsValidLabelValue, "letters, digits and [-_.], up to 63 characters");
        ValidateMap(metadata, "annotations", errors, _ => true, "");
        ValidateTags(metadata, errors);
        ValidateLinks(metadata, errors);
    }

    private static void ValidateMap(JsonObject metadata, string field, List<ValidationIssue> errors, Func<string, bool> valueRule, string valueHint)
    {
        if (metadata[field] is null)
        {
            return;
        }
        if (metadata[field] is not JsonObject map)
        {
            errors.Add(new($"metadata.{field}", $"metadata.{field} must be a mapping of strings."));
            return;
        }
        foreach (var (key, value) in map)
        {
            if (!NamingRules.IsValidKey(key))
            {
                errors.Add(new($"metadata.{field}.{key}", $"'{key}' is not a valid {field[..^1]} key: [dns-prefix/]name, name up to 63 characters."));
            }
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new($"metadata.{field}.{key}", $"metadata.{field}.{key} must be a string (quote it)."));
            }
            else if (!valueRule(v.GetValue<string>()))
            {
                errors.Add(new($"metadata.{field}.{key}", $"'{v.GetValue<string>()}' is not a valid {field[..^1]} value: {valueHint}."));
            }
        }
    }

    private static void ValidateTags(JsonObject metadata, List<ValidationIssue> errors)
    {
        if (metadata["tags"] is null)
        {
            return;
        }
        if (metadata["tags"] is not JsonArray tags)
        {
            errors.Add(new("metadata.tags", "metadata.tags must be a list of strings."));
            return;
        }
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = AsString(tags[i]);
            if (!NamingRules.IsValidTag(tag))
            {
                errors.Add(new($"metadata.tags[{i}]", $"Tag '{tags[i]}' is invalid: lowercase letters, digits, ':', '+', '#' separated by '-', up to 63 characters."));
            }
        }
    }

    private static void ValidateLinks(JsonObject metadata, List<ValidationIssue> errors)
    {
        if (metadata["links"] is null)
        {
            return;
        }
        if (metadata["links"] is not JsonArray links)
        {
            errors.Add(new("metadata.links", "metadata.links must be a list of {url, title, icon, type}."));
            return;
        }
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not JsonObject link || AsString(link["url"]) is not { Length: > 0 } url)
            {
                errors.Add(new($"metadata.links[{i}]", "Each link needs a url."));
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                errors.Add(new($"metadata.links[{i}].url", $"'{url}' is not an absolute URL."));
            }
        }
    }

    private static void ValidateReferences(string kind, JsonObject spec, string ns, List<ValidationIssue> errors)
    {
        foreach (var field in RelationFields.For(kind))
        {
            var key = field.Path["spec.".Length..];
            foreach (var (value, path) in Values(spec[key], field))
            {
                if (value is null)
                {
                    errors.Add(new(path, $"{path} must be an entity reference string."));
                }
                else if (!EntityRef.TryParse(value, field.DefaultKind, ns, out _, out var error))
                {
                    errors.Add(new(path, error!));
                }
            }
        }
    }

    internal static IEnumerable<(string? Value, string Path)> Values(JsonNode? node, RelationField field)
    {
        if (node is null)
        {
            yield break;
        }
        if (field.IsArray && node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (AsString(array[i]), $"{field.Path}[{i}]");
            }
        }
        else if (!field.IsArray)
        {
            yield return (AsString(node), field.Path);
        }
    }

    internal static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static string? RequiredString(JsonObject obj, string key, string path, List<ValidationIssue> errors)
    {
        var node = obj[key];
        if (node is null)
        {
            errors.Add(new(path, $"{path} is required."));
            return null;
        }
        var value = AsString(node);
        if (value is null || value.Length == 0)
        {
            errors.Add(new(path, value is null ? $"{path} must be a string." : $"{path} must not be empty."));
        }
        return string.IsNullOrEmpty(value) ? null : value;
    }

    internal static string? OptionalString(JsonObject obj, string key, string path, List<ValidationIssue> errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }
        var value = AsString(node);
        if (value is null)
        {
            errors.Add(new(path, $"{path} must be a string."));
        }
        return value;
    }
}
