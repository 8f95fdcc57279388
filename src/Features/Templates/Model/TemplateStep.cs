using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Model;

/// <summary>One entry of a template's <c>spec.steps</c>. <see cref="If"/> and <see cref="Each"/> stay raw: a string is an
/// expression rendered at run time, a boolean is taken as it is (Backstage allows both).</summary>
public sealed record TemplateStep(string Id, string Name, string Action, JsonObject? Input, JsonNode? If, JsonNode? Each);
