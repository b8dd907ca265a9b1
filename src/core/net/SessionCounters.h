#pragma once

#include <QtGlobal>

// Totals of a session since it was created.
struct SessionCounters
{
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 connections = 0;   // accepted / made (TCP), distinct senders (UDP)
    quint64 errors = 0;
};
