#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A tiny HTTP/1.1 server on 127.0.0.1 for tests of transport behaviour that a
// real server will not show on demand (silence, odd replies). It answers each
// request with the raw response its handler returns; an empty string means
// "say nothing" and keeps the connection open until the server stops; a reply
// that starts with kCloseAfter is sent without that marker and the connection
// is then closed (a server dying mid-response). Everything it does is bounded:
// replies are finite strings and the destructor stops every connection.
class LocalServer
{
public:
    struct Request
    {
        std::string method;
        std::string target;
        std::string head; // request line + headers
        std::string body;
    };
    using Handler = std::function<std::string(const Request &)>;
    static constexpr const char *kCloseAfter = "!close!";
    // A reply that starts with kDrip is sent without that marker: its head at
    // once, then its body one byte every 100 ms (alive but never done).
    static constexpr const char *kDrip = "!drip!";

    explicit LocalServer(Handler handler);
    ~LocalServer();

    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::vector<Request> requests() const;
    // Connections accepted so far, whether or not they sent an HTTP request.
    int connections() const { return m_connections.load(); }

    // A port on 127.0.0.1 that nobody listens on (connections are refused).
    static int closedPort();

private:
    void serve();
    void handle(int fd);

    Handler m_handler;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_thread;
    std::vector<std::thread> m_workers;
    mutable std::mutex m_mutex;
    std::vector<Request> m_requests;
    std::vector<int> m_openFds;
};
