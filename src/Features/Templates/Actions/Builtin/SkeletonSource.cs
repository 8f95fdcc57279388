using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// Where a fetch action's <c>url</c> points: a folder or file beside the template (<c>./skeleton</c>, resolved as
/// Backstage resolves it against the template's own location). Absolute URLs would need reading a remote tree; they are
/// refused with a message that says so, before anything is written.
/// </summary>
internal static class SkeletonSource
{
    public static string Resolve(ActionContext context, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "file")
        {
            throw new ActionInputException($"'{url}' is an absolute URL; this portal fetches skeletons only from beside the template "
                + "(a relative url such as ./skeleton). Put the skeleton next to template.yaml.");
        }
        return WorkspacePath.Resolve("", url);
    }

    /// <summary>isbinaryfile's test, in short: a NUL byte, or bytes that are not UTF-8 text, in the first 8 KB.</summary>
    public static bool IsBinary(byte[] content)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 8192));
        if (head.IndexOf((byte)0) >= 0)
        {
            return true;
        }
        try
        {
            _ = new System.Text.UTF8Encoding(false, true).GetString(head.Length < content.Length ? TrimPartial(head) : head);
            return false;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return true;
        }
    }

    // A multi-byte character cut by the 8 KB window is not a sign of a binary file.
    private static ReadOnlySpan<byte> TrimPartial(ReadOnlySpan<byte> head)
    {
        var end = head.Length;
        for (var i = 1; i <= 3 && end - i >= 0; i++)
        {
            if ((head[end - i] & 0xC0) == 0xC0)
            {
                return head[..(end - i)];
            }
            if ((head[end - i] & 0x80) == 0)
            {
                break;
            }
        }
        return head;
    }
}

/// <summary>The text/binary test of the fetch actions, for pages that show files.</summary>
public static class SkeletonSourceProbe
{
    public static bool IsText(byte[] content) => !SkeletonSource.IsBinary(content);
}
