using System.Globalization;
using System.Net;
using System.Text;
using Fawkes.Portal.Features.Catalog.Browse;
using Microsoft.AspNetCore.Components;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Catalog.Entity.Tabs;

public sealed record GraphNode(EntityRef Ref, string Label, bool Exists, double X, double Y);

public sealed record GraphLayout(IReadOnlyList<GraphNode> Nodes, string ViewBox);

/// <summary>A radial layout of an entity's neighbours, grouped by relation category. Pure.</summary>
public static class RelationGraph
{
    public static readonly IReadOnlyList<(string Name, string[] Types)> Categories =
    [
        ("Ownership", [RelationTypes.OwnedBy, RelationTypes.OwnerOf]),
        ("System", [RelationTypes.PartOf, RelationTypes.HasPart]),
        ("Dependencies", [RelationTypes.DependsOn, RelationTypes.DependencyOf]),
        ("APIs", [RelationTypes.ProvidesApi, RelationTypes.ApiProvidedBy, RelationTypes.ConsumesApi, RelationTypes.ApiConsumedBy]),
        ("Membership", [RelationTypes.MemberOf, RelationTypes.HasMember, RelationTypes.ParentOf, RelationTypes.ChildOf]),
    ];

    public static int Count(EntityView entity, string category)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.RelationsOf(Categories.First(c => c.Name == category).Types).Count();
    }

    public static GraphLayout Layout(EntityView entity, IReadOnlySet<string> hidden)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var types = Categories.Where(c => !hidden.Contains(c.Name)).SelectMany(c => c.Types).ToList();
        // Category order keeps related nodes next to each other around the circle.
        var relations = entity.Relations.Where(r => types.Contains(r.Type)).OrderBy(r => types.IndexOf(r.Type)).ThenBy(r => r.Target.Name).ToList();
        var n = relations.Count;
        var radius = Math.Max(190, n * 190 / (2 * Math.PI) * 1.15);
        var nodes = relations.Select((r, i) =>
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / Math.Max(1, n);
            return new GraphNode(r.Target, r.Type, r.Exists, Math.Round(radius * Math.Cos(angle), 1), Math.Round(radius * Math.Sin(angle), 1));
        }).ToList();
        var half = radius + 110;
        var box = string.Create(CultureInfo.InvariantCulture, $"{-half} {-(radius + 50)} {2 * half} {2 * (radius + 50)}");
        return new GraphLayout(nodes, box);
    }

    /// <summary>
    /// The SVG as markup (Razor reserves &lt;text&gt;). Every value is HTML-encoded; nodes link to their entity pages.
    /// </summary>
    public static MarkupString ToSvg(EntityView entity, GraphLayout graph)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(graph);
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string N(double d) => d.ToString(CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"relation-graph\" viewBox=\"{graph.ViewBox}\" role=\"img\" data-testid=\"relations-graph\" aria-label=\"{E($"Relations of {entity.Title}: {graph.Nodes.Count} connected entities")}\">");
        foreach (var node in graph.Nodes)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"0\" x2=\"{N(node.X)}\" y2=\"{N(node.Y)}\" class=\"relation-graph__edge\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(node.X * 0.62)}\" y=\"{N(node.Y * 0.62 - 4)}\" class=\"relation-graph__label\" text-anchor=\"middle\">{E(node.Label)}</text>");
        }
        svg.Append("<g class=\"relation-graph__node relation-graph__node--center\"><rect x=\"-95\" y=\"-26\" width=\"190\" height=\"52\" rx=\"10\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text y=\"-6\" text-anchor=\"middle\" class=\"relation-graph__kind\">{E(entity.Kind.ToLowerInvariant())}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text y=\"14\" text-anchor=\"middle\" class=\"relation-graph__name\">{E(Short(entity.Ref.Name))}</text></g>");
        foreach (var node in graph.Nodes)
        {
            var css = node.Exists ? "relation-graph__node" : "relation-graph__node relation-graph__node--missing";
            var href = node.Exists ? $" href=\"{E(EntityLinks.Href(node.Ref))}\"" : "";
            svg.Append(CultureInfo.InvariantCulture, $"<a{href} class=\"{css}\" data-testid=\"graph-node\" aria-label=\"{E($"{node.Label} {node.Ref}")}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{E(node.Ref.ToString())}{(node.Exists ? "" : " (not in the catalog)")}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(node.X - 85)}\" y=\"{N(node.Y - 22)}\" width=\"170\" height=\"44\" rx=\"8\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(node.X)}\" y=\"{N(node.Y - 4)}\" text-anchor=\"middle\" class=\"relation-graph__kind\">{E(node.Ref.Kind.ToLowerInvariant())}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(node.X)}\" y=\"{N(node.Y + 13)}\" text-anchor=\"middle\" class=\"relation-graph__name\">{E(Short(node.Ref.Name))}</text></a>");
        }
        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    public static string Short(string name) => name.Length <= 22 ? name : name[..21] + "…";
}
