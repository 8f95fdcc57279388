using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// The Location entity Backstage generates for every root location (configured or registered): named
/// <c>generated-&lt;sha1 of "type:target"&gt;</c>, spec <c>{type, target}</c>, managed by and originating from itself. Its
/// target's entities are its children, so ancestry, facets and counts match Backstage's for the same catalog.
/// </summary>
public static class GeneratedLocation
{
    public static string NameOf(string type, string target) =>
        "generated-" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{type}:{target}")));

    public static EntityRef RefOf(string type, string target) => new(CatalogKinds.Location, EntityRef.DefaultNamespace, NameOf(type, target));

    public static SourcedEntity Create(string type, string target)
    {
        var locationRef = $"{type}:{target}";
        var raw = new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = CatalogKinds.Location,
            ["metadata"] = new JsonObject
            {
                ["name"] = NameOf(type, target),
                ["namespace"] = EntityRef.DefaultNamespace,
                ["annotations"] = new JsonObject(),
            },
            ["spec"] = new JsonObject { ["type"] = type, ["target"] = target },
        };
        // Processed like any entity read from its own location: a url one gets its view (and on GitHub edit/source) URLs.
        LocationAnnotations.Apply((JsonObject)raw["metadata"]!["annotations"]!, type, target, locationRef);
        var validated = EntityValidator.Validate(raw);
        var entity = validated.Entity ?? raw;
        return new SourcedEntity(locationRef, 0, RelationBuilder.RefOf(entity), entity, []) { IsGeneratedLocation = true };
    }
}
