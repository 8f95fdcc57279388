using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms;

/// <summary>What the wizard hands over: the parameter values, and the secrets apart (never in the values or the URL).</summary>
public sealed record WizardSubmission(JsonObject Values, IReadOnlyDictionary<string, string> Secrets);
