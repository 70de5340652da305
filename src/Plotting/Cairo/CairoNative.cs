using System.Runtime.InteropServices;

namespace TorchLab.Plotting.Cairo;

/// <summary>The part of cairo's C API the figures use (libcairo.so.2, Debian's libcairo2).</summary>
internal static unsafe partial class CairoNative
{
    private const string Library = "libcairo.so.2";

    public const int FormatArgb32 = 0;
    public const int FilterGood = 1, FilterNearest = 3;

    [StructLayout(LayoutKind.Sequential)]
    public struct TextExtents
    {
        public double XBearing, YBearing, Width, Height, XAdvance, YAdvance;
    }

    [LibraryImport(Library)] public static partial IntPtr cairo_image_surface_create(int format, int width, int height);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr cairo_image_surface_create_from_png(string filename);
    [LibraryImport(Library)] public static partial byte* cairo_image_surface_get_data(IntPtr surface);
    [LibraryImport(Library)] public static partial int cairo_image_surface_get_width(IntPtr surface);
    [LibraryImport(Library)] public static partial int cairo_image_surface_get_height(IntPtr surface);
    [LibraryImport(Library)] public static partial int cairo_image_surface_get_stride(IntPtr surface);
    [LibraryImport(Library)] public static partial int cairo_image_surface_get_format(IntPtr surface);
    [LibraryImport(Library)] public static partial void cairo_surface_flush(IntPtr surface);
    [LibraryImport(Library)] public static partial void cairo_surface_mark_dirty(IntPtr surface);
    [LibraryImport(Library)] public static partial int cairo_surface_status(IntPtr surface);
    [LibraryImport(Library)] public static partial void cairo_surface_destroy(IntPtr surface);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int cairo_surface_write_to_png(IntPtr surface, string filename);

    [LibraryImport(Library)] public static partial IntPtr cairo_create(IntPtr surface);
    [LibraryImport(Library)] public static partial void cairo_destroy(IntPtr cr);
    [LibraryImport(Library)] public static partial int cairo_status(IntPtr cr);
    [LibraryImport(Library)] public static partial IntPtr cairo_status_to_string(int status);
    [LibraryImport(Library)] public static partial void cairo_save(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_restore(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_set_source_rgba(IntPtr cr, double r, double g, double b, double a);
    [LibraryImport(Library)] public static partial void cairo_set_source_surface(IntPtr cr, IntPtr surface, double x, double y);
    [LibraryImport(Library)] public static partial IntPtr cairo_get_source(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_pattern_set_filter(IntPtr pattern, int filter);
    [LibraryImport(Library)] public static partial void cairo_paint(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_set_line_width(IntPtr cr, double width);
    [LibraryImport(Library)] public static partial void cairo_set_line_join(IntPtr cr, int join);
    [LibraryImport(Library)] public static partial void cairo_set_line_cap(IntPtr cr, int cap);
    [LibraryImport(Library)] public static partial void cairo_set_dash(IntPtr cr, double* dashes, int count, double offset);
    [LibraryImport(Library)] public static partial void cairo_new_path(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_move_to(IntPtr cr, double x, double y);
    [LibraryImport(Library)] public static partial void cairo_line_to(IntPtr cr, double x, double y);
    [LibraryImport(Library)] public static partial void cairo_rectangle(IntPtr cr, double x, double y, double width, double height);
    [LibraryImport(Library)] public static partial void cairo_arc(IntPtr cr, double x, double y, double radius, double angle1, double angle2);
    [LibraryImport(Library)] public static partial void cairo_stroke(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_fill(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_clip(IntPtr cr);
    [LibraryImport(Library)] public static partial void cairo_translate(IntPtr cr, double x, double y);
    [LibraryImport(Library)] public static partial void cairo_scale(IntPtr cr, double x, double y);
    [LibraryImport(Library)] public static partial void cairo_rotate(IntPtr cr, double angle);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void cairo_select_font_face(IntPtr cr, string family, int slant, int weight);
    [LibraryImport(Library)] public static partial void cairo_set_font_size(IntPtr cr, double size);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void cairo_show_text(IntPtr cr, string text);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void cairo_text_extents(IntPtr cr, string text, out TextExtents extents);

    public static string Describe(int status) => Marshal.PtrToStringUTF8(cairo_status_to_string(status)) ?? $"cairo status {status}";
}
