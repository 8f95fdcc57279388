using System.Text.RegularExpressions;

namespace Fawkes.Portal.Testing;

/// <summary>Signs in through the real development sign-in form (antiforgery token included), as a browser would.</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string role)
    {
        var page = await client.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["login"] = login,
            ["role"] = role,
            ["returnUrl"] = "/",
        });
        return await client.PostAsync("/auth/dev-signin", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
