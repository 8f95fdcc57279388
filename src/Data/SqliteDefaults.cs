namespace Fawkes.Portal.Data;

internal static class SqliteDefaults
{
    public static string ConnectionString(string contentRoot, string dataDirectory)
    {
        var folder = Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.Combine(contentRoot, dataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "fawkes-portal.db")};Cache=Shared;Foreign Keys=True";
    }
}
