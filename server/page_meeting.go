package server

func (s *Server) meetingPages() []pageRoute { return nil }
