namespace Encore.Web.Platform;

/// <summary>
/// A photo sent from a phone as multipart form data (field "photo"): at most <c>maxBytes</c>, and a JPEG or PNG by its
/// first bytes (never by its name or declared type), kept in a folder of the data directory under a name Encore makes.
/// Violation evidence and failed checklist items take photos this one way.
/// </summary>
public static class Photos
{
    /// <summary>The form's photo and the extension its content shows, or the 400 naming "photo" to answer.</summary>
    public static async Task<(IFormFile? File, string Extension, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (!request.HasFormContentType) return (null, "", Problems.Validation("photo", "required"));
        var form = await request.ReadFormAsync();
        if (form.Files["photo"] is not { } file) return (null, "", Problems.Validation("photo", "required"));
        if (file.Length is 0 || file.Length > maxBytes) return (null, "", Problems.Validation("photo", "fileSize", maxBytes / 1024 / 1024));
        var header = new byte[8];
        await using (var probe = file.OpenReadStream()) _ = await probe.ReadAsync(header);
        var extension = header[0] == 0xFF && header[1] == 0xD8 ? ".jpg" : header[0] == 0x89 && header[1] == 0x50 && header[2] == 0x4E && header[3] == 0x47 ? ".png" : null;
        return extension is null ? (null, "", Problems.Validation("photo", "imageType")) : (file, extension, null);
    }

    /// <summary>Writes the photo as <paramref name="name"/> in the data directory's <paramref name="folder"/>.</summary>
    public static async Task SaveAsync(EncoreSettings settings, string folder, string name, IFormFile file)
    {
        var directory = Path.Combine(settings.DataDirectory, folder);
        Directory.CreateDirectory(directory);
        await using var target = File.Create(Path.Combine(directory, name));
        await file.CopyToAsync(target);
    }

    /// <summary>A stored photo as the answer, or null when its file is gone; only the file name of <paramref name="name"/> is used.</summary>
    public static IResult? Serve(EncoreSettings settings, string folder, string name)
    {
        var full = Path.Combine(settings.DataDirectory, folder, Path.GetFileName(name));
        return File.Exists(full) ? Results.File(full, name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg") : null;
    }
}
