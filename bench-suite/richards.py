"""Richards: Martin Richards' operating-system task scheduler simulation.

An object-oriented benchmark: a scheduler drives an idle task, a worker,
two handlers and two device tasks that exchange packets. It spends its time
in method calls, attribute reads and writes, and small branches.
"""

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
BUFFER_SIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class TaskState:
    def __init__(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False

    def packet_pending_state(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False
        return self

    def waiting(self):
        self.packet_pending = False
        self.task_waiting = True
        self.task_holding = False
        return self

    def running(self):
        self.packet_pending = False
        self.task_waiting = False
        self.task_holding = False
        return self

    def waiting_with_packet(self):
        self.packet_pending = True
        self.task_waiting = True
        self.task_holding = False
        return self

    def is_held_or_waiting(self):
        return self.task_holding or (not self.packet_pending and self.task_waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.task_waiting and not self.task_holding


class Task(TaskState):
    def __init__(self, scheduler, ident, priority, queue, state):
        super().__init__()
        self.scheduler = scheduler
        self.link = scheduler.tasks
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = state.packet_pending
        self.task_waiting = state.task_waiting
        self.task_holding = state.task_holding
        scheduler.tasks = self
        scheduler.table[ident] = self

    def add_packet(self, packet, old):
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > old.priority:
                return self
        else:
            packet.append_to(self.queue)
        return old

    def run_task(self):
        if self.is_waiting_with_packet():
            packet = self.queue
            self.queue = packet.link
            if self.queue is None:
                self.running()
            else:
                self.packet_pending_state()
        else:
            packet = None
        return self.run(packet)

    def hold(self):
        self.scheduler.hold_count += 1
        self.task_holding = True
        return self.link

    def release(self, ident):
        task = self.scheduler.table[ident]
        task.task_holding = False
        if task.priority > self.priority:
            return task
        return self

    def wait(self):
        self.task_waiting = True
        return self

    def send(self, packet):
        target = self.scheduler.table[packet.ident]
        self.scheduler.queue_count += 1
        packet.link = None
        packet.ident = self.ident
        return target.add_packet(packet, self)


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, queue, state, count):
        super().__init__(scheduler, ident, priority, queue, state)
        self.control = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control //= 2
            return self.release(DEVICE_A)
        self.control = (self.control // 2) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, scheduler, ident, priority, queue, state):
        super().__init__(scheduler, ident, priority, queue, state)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        if packet is None:
            return self.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue, state):
        super().__init__(scheduler, ident, priority, queue, state)
        self.work_in = None
        self.device_in = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count < BUFFER_SIZE:
                device = self.device_in
                if device is not None:
                    self.device_in = device.link
                    device.datum = work.data[count]
                    work.datum = count + 1
                    return self.send(device)
            else:
                self.work_in = work.link
                return self.send(work)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority, queue, state):
        super().__init__(scheduler, ident, priority, queue, state)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.wait()
            packet, self.pending = self.pending, None
            return self.send(packet)
        self.pending = packet
        return self.hold()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.hold_count = 0
        self.queue_count = 0

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.is_held_or_waiting():
                task = task.link
            else:
                task = task.run_task()


def run_once(idle_count):
    scheduler = Scheduler()
    IdleTask(scheduler, IDLE, 1, None, TaskState().running(), idle_count)
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    WorkerTask(scheduler, WORKER, 1000, work, TaskState().waiting_with_packet())
    for handler, device in ((HANDLER_A, DEVICE_A), (HANDLER_B, DEVICE_B)):
        work = Packet(None, device, KIND_DEVICE)
        work = Packet(work, device, KIND_DEVICE)
        work = Packet(work, device, KIND_DEVICE)
        HandlerTask(scheduler, handler, 2000 + handler, work, TaskState().waiting_with_packet())
    DeviceTask(scheduler, DEVICE_A, 4000, None, TaskState().waiting())
    DeviceTask(scheduler, DEVICE_B, 5000, None, TaskState().waiting())
    scheduler.schedule()
    return scheduler.queue_count, scheduler.hold_count


def bench():
    checksum = 0
    for _ in range(4):
        queued, held = run_once(10000)
        checksum += queued * 7 + held
    return checksum


if __name__ == "__main__":
    print(bench())
