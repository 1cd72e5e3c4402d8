// A small C# binding of taizhang's C API (include/taizhang/taizhang.h) by
// P/Invoke: a parser, and the ledger as JSON for a month. Text crosses the
// boundary as UTF-8 bytes with explicit lengths, never through the
// marshaller's string conversion; output is copied into managed memory and
// released with taizhang_free at once. A parser is immutable and may be used
// by many threads at once, as the C API promises. Builds with Mono's mcs and
// with .NET's csc.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Taizhang
{
    /// <summary>A failed call: status code, message and the byte offset it names (-1 when none).</summary>
    public sealed class TaizhangException : Exception
    {
        public int Code { get; }
        public long Offset { get; }

        public TaizhangException(int code, string message, long offset)
            : base(offset >= 0 ? $"{message} (byte {offset}, status {code})" : $"{message} (status {code})")
        {
            Code = code;
            Offset = offset;
        }
    }

    internal static class Native
    {
        private const string Lib = "taizhang"; // libtaizhang.so on the library path

        [DllImport(Lib)] internal static extern IntPtr taizhang_version();
        [DllImport(Lib)] internal static extern IntPtr taizhang_error_message(IntPtr err);
        [DllImport(Lib)] internal static extern UIntPtr taizhang_error_offset(IntPtr err);
        [DllImport(Lib)] internal static extern void taizhang_error_free(IntPtr err);
        [DllImport(Lib)] internal static extern void taizhang_free(IntPtr output);
        [DllImport(Lib)] internal static extern int taizhang_parser_new(IntPtr options, out IntPtr parser, out IntPtr err);
        [DllImport(Lib)] internal static extern void taizhang_parser_free(IntPtr parser);
        [DllImport(Lib)]
        internal static extern int taizhang_parse_json(IntPtr parser, byte[] utf8, UIntPtr len,
                                                       out IntPtr output, out UIntPtr outputLen, out IntPtr err);
        [DllImport(Lib)] internal static extern int taizhang_export_options_new(out IntPtr options, out IntPtr err);
        [DllImport(Lib)] internal static extern void taizhang_export_options_free(IntPtr options);
        [DllImport(Lib)]
        internal static extern int taizhang_export_options_set_month(IntPtr options, int year, int month, out IntPtr err);
        [DllImport(Lib)]
        internal static extern int taizhang_ledger_json(IntPtr parser, byte[] utf8, UIntPtr len, IntPtr options,
                                                        out IntPtr output, out UIntPtr outputLen, out IntPtr err);

        /// <summary>A NUL-terminated UTF-8 string of the library's.</summary>
        internal static string Utf8(IntPtr s)
        {
            int n = 0;
            while (Marshal.ReadByte(s, n) != 0) n++;
            var bytes = new byte[n];
            Marshal.Copy(s, bytes, 0, n);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Throws for a failed status, freeing the error object.</summary>
        internal static void Check(int status, IntPtr err)
        {
            if (status == 0) return;
            try
            {
                ulong offset = taizhang_error_offset(err).ToUInt64();
                long at = offset == ulong.MaxValue ? -1 : (long)offset; // TAIZHANG_NO_OFFSET
                throw new TaizhangException(status, Utf8(taizhang_error_message(err)), at);
            }
            finally
            {
                taizhang_error_free(err);
            }
        }

        /// <summary>The library's output as a string; frees it.</summary>
        internal static string Take(IntPtr output, UIntPtr length)
        {
            try
            {
                var bytes = new byte[checked((int)length.ToUInt64())];
                Marshal.Copy(output, bytes, 0, bytes.Length);
                return Encoding.UTF8.GetString(bytes);
            }
            finally
            {
                taizhang_free(output);
            }
        }
    }

    /// <summary>A taizhang_parser with the library's default options.</summary>
    public sealed class Parser : IDisposable
    {
        private IntPtr parser;

        public Parser()
        {
            Native.Check(Native.taizhang_parser_new(IntPtr.Zero, out parser, out IntPtr err), err);
        }

        public static string Version => Native.Utf8(Native.taizhang_version());

        /// <summary>The plan as JSON "taizhang.plan/3" (docs/json-format.md).</summary>
        public string ParseJson(byte[] utf8)
        {
            int status = Native.taizhang_parse_json(Handle(), utf8, (UIntPtr)utf8.Length,
                                                    out IntPtr output, out UIntPtr length, out IntPtr err);
            Native.Check(status, err);
            return Native.Take(output, length);
        }

        /// <summary>The ledger "taizhang.ledger/1" (docs/ledger.md) of the milestones due in a month.</summary>
        public string LedgerJson(byte[] utf8, int year, int month)
        {
            Native.Check(Native.taizhang_export_options_new(out IntPtr options, out IntPtr err), err);
            try
            {
                Native.Check(Native.taizhang_export_options_set_month(options, year, month, out err), err);
                int status = Native.taizhang_ledger_json(Handle(), utf8, (UIntPtr)utf8.Length, options,
                                                         out IntPtr output, out UIntPtr length, out err);
                Native.Check(status, err);
                return Native.Take(output, length);
            }
            finally
            {
                Native.taizhang_export_options_free(options);
            }
        }

        private IntPtr Handle()
        {
            if (parser == IntPtr.Zero) throw new ObjectDisposedException(nameof(Parser));
            return parser;
        }

        public void Dispose()
        {
            if (parser != IntPtr.Zero) Native.taizhang_parser_free(parser);
            parser = IntPtr.Zero;
            GC.SuppressFinalize(this);
        }

        ~Parser() { Dispose(); }
    }
}
