using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// An action's logger. Lines are formatted as Backstage's task logger formats them (winston's colorised "simple"
/// format: <c>info: message {meta}</c>), and every secret value of the run is replaced by <c>***</c> before the line
/// leaves — in the log, the stored events and the stream alike.
/// </summary>
public sealed class StepLog(IRunLogSink sink, string stepId, SecretRedactor redactor, TimeProvider time)
{
    private const string Green = "\u001b[32m", Yellow = "\u001b[33m", Red = "\u001b[31m", Reset = "\u001b[39m";

    public string StepId { get; } = stepId;

    public Task InfoAsync(string message, JsonObject? meta = null, CancellationToken ct = default) => WriteAsync(Green + "info" + Reset, message, meta, ct);

    public Task WarnAsync(string message, JsonObject? meta = null, CancellationToken ct = default) => WriteAsync(Yellow + "warn" + Reset, message, meta, ct);

    public Task ErrorAsync(string message, JsonObject? meta = null, CancellationToken ct = default) => WriteAsync(Red + "error" + Reset, message, meta, ct);

    private Task WriteAsync(string level, string message, JsonObject? meta, CancellationToken ct)
    {
        var line = new StringBuilder(level).Append(": ").Append(message);
        if (meta is { Count: > 0 })
        {
            line.Append(' ').Append(meta.ToJsonString(Compact));
        }
        return sink.WriteAsync(new RunLogEntry(redactor.Redact(line.ToString()), StepId, null, time.GetUtcNow()), ct);
    }

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Replaces every secret value (longest first, so a secret containing another is hidden whole) with <c>***</c>.</summary>
public sealed class SecretRedactor
{
    private readonly List<string> _values = [];

    public SecretRedactor(IEnumerable<string> secrets) => Add(secrets);

    public void Add(IEnumerable<string> values)
    {
        lock (_values)
        {
            _values.AddRange(values.Where(v => v.Length > 0 && !_values.Contains(v)));
            _values.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Redact(string text)
    {
        lock (_values)
        {
            foreach (var value in _values)
            {
                text = text.Replace(value, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
