using System.Buffers;
using System.Runtime.InteropServices;

namespace FluxOnnx.Tests.Ort;

/// <summary>Memory over a native block that counts pins and unpins, to observe what a tensor keeps pinned.</summary>
internal sealed unsafe class CountingMemoryManager<T> : MemoryManager<T>
    where T : unmanaged
{
    private readonly T* _data;
    private readonly int _length;

    public CountingMemoryManager(int length)
    {
        _length = length;
        _data = (T*)NativeMemory.AllocZeroed((nuint)length, (nuint)sizeof(T));
    }

    public int Pins { get; private set; }

    public int Unpins { get; private set; }

    public override Span<T> GetSpan() => new(_data, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        Pins++;
        return new MemoryHandle(_data + elementIndex, pinnable: this);
    }

    public override void Unpin() => Unpins++;

    protected override void Dispose(bool disposing) => NativeMemory.Free(_data);
}
