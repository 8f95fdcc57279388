namespace Fawkes.Portal.Features.Admin;

public sealed class CreateTokenRequest
{
    public string Name { get; set; } = "";
    public HashSet<string> Scopes { get; } = [];
    public int? ExpiresInDays { get; set; } = 90;
}
