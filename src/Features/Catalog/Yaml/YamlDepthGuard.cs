using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fawkes.Portal.Features.Catalog.Yaml;

/// <summary>
/// Refuses YAML nested deeper than a limit by walking YamlDotNet's flat event stream with a counter. The parser
/// itself keeps its state on a heap stack, so this pass cannot overflow the call stack however deep the input is;
/// the recursive node construction that follows only ever sees bounded input.
/// </summary>
internal static class YamlDepthGuard
{
    public static SourceProblem? Check(string text, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart when ++depth > maxDepth:
                        return Problem(maxDepth, (int)parser.Current.Start.Line, (int)parser.Current.Start.Column);
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Malformed before it got too deep: the full read reports the syntax error with its position.
        }
        return null;
    }

    public static SourceProblem Problem(int maxDepth, int line, int column) =>
        new($"YAML nesting deeper than {maxDepth} levels; flatten the structure (the limit protects the portal from crafted files).", line, column);
}
